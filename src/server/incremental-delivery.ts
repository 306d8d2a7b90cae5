/**
 * Incremental delivery (@defer, @stream): which documents use it. graphql-jit compiles no
 * incremental execution, so these run on yoga's standard executor; all others stay compiled.
 * A client that accepts neither multipart/mixed nor text/event-stream gets the whole result.
 */
import { BREAK, execute, visit, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const INCREMENTAL = new Set(['defer', 'stream']);

// Parsed documents are cached and reused by Yoga, so the answer is kept per document object.
const seen = new WeakMap<DocumentNode, boolean>();

export function isIncremental(document: DocumentNode): boolean {
  let incremental = seen.get(document);
  if (incremental === undefined) {
    incremental = false;
    visit(document, {
      Directive(node) {
        if (!INCREMENTAL.has(node.name.value)) return;
        incremental = true;
        return BREAK;
      },
    });
    seen.set(document, incremental);
  }
  return incremental;
}

/** The media types an incremental result can be sent in (yoga's result processors). */
const INCREMENTAL_MEDIA = /multipart\/mixed|text\/event-stream/;

/**
 * An incremental document from a client that cannot read parts runs on graphql-js, which
 * ignores @defer/@stream: one whole result instead of yoga's 406. Before the spans plugin,
 * which wraps whichever execute function is in place.
 */
export function useWholeResultUnlessAccepted(): Plugin {
  return {
    onExecute({ args, setExecuteFn }) {
      if (!isIncremental(args.document)) return;
      const request = (args.contextValue as { request?: Request }).request;
      if (INCREMENTAL_MEDIA.test(request?.headers.get('accept') ?? '')) return;
      setExecuteFn(execute);
    },
  };
}
