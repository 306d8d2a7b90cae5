/**
 * Incremental delivery (@defer, @stream): which documents use it. graphql-jit compiles no
 * incremental execution, so these run on yoga's standard executor; all others stay compiled.
 */
import { BREAK, visit, type DocumentNode } from 'graphql';

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
