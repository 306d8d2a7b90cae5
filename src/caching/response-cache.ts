/**
 * Whole query results reused across requests of the same caller (a warm dashboard spent
 * its time resolving 500 fields from cached vendor reads, to the same answer each time).
 *
 * A result is stored only when every vendor read behind it was a hit of the shared vendor cache,
 * with no error; it is reused only while each of those entries still holds the same value and is
 * fresh or being refreshed (`VendorCache.current`). So it is what executing again would answer,
 * never staler than the vendor cache itself; a mutation's invalidation (on any replica sharing
 * Redis) or a refresh that brings a changed answer retires it at once; and it is keyed by the
 * caller like the vendor cache. Mutations are never cached.
 */
import { getOperationAST, type DocumentNode, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ReadTracker, VendorCache } from './vendor-cache.js';
import { whenReady } from '../domain/maybe-promise.js';

/** One request's reads (the tracker its loaders report to). */
export interface RequestReads extends ReadTracker {
  readonly deps: Map<string, string>;
  readonly reusable: boolean;
}

export function createRequestReads(): RequestReads {
  const deps = new Map<string, string>();
  let reusable = true;
  return {
    deps,
    get reusable() {
      return reusable;
    },
    used(key, raw) {
      deps.set(key, raw);
    },
    untracked() {
      reusable = false;
    },
  };
}

export interface ResponseCacheOptions {
  cache: VendorCache;
  /** Results kept at most (oldest dropped first); 0 turns the cache off. */
  maxEntries: number;
  /** Longest a result is kept even while its entries stand (reads outside the vendor cache). */
  ttlMs: number;
  onLookup?: (hit: boolean) => void;
  /** The clock results expire by (default Date.now). */
  now?: () => number;
}

interface Entry {
  result: ExecutionResult;
  deps: Map<string, string>;
  expiresAt: number;
}

/**
 * A stored result's serialiser (yoga calls a result's `stringify`, as graphql-jit's results carry
 * one): `data` is the same object on every hit, so its JSON is made once; the rest (the request's
 * own `extensions`) each time. The same text JSON.stringify would give the whole result.
 */
function stringifyWithData(data: unknown) {
  let dataJson: string | undefined;
  return (result: Record<string, unknown>): string => {
    const members: string[] = [];
    for (const key of Object.keys(result)) {
      const value = result[key];
      const json =
        key === 'data' && value === data
          ? (dataJson ??= JSON.stringify(data))
          : JSON.stringify(value);
      if (json !== undefined) members.push(`${JSON.stringify(key)}:${json}`);
    }
    return `{${members.join(',')}}`;
  };
}

/** The context fields this plugin reads. */
interface CacheableContext {
  viewer: { cacheKey: string };
  reads: RequestReads;
}

/** Last among the plugins: a hit ends the execute hooks, so the others' must have run. */
export function useResponseCache(options: ResponseCacheOptions): Plugin {
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  // Documents come from yoga's parse cache: the same query text is the same object.
  const documentIds = new WeakMap<DocumentNode, number>();
  let nextDocumentId = 0;
  const documentId = (doc: DocumentNode) => {
    let id = documentIds.get(doc);
    if (id === undefined) documentIds.set(doc, (id = nextDocumentId++));
    return id;
  };

  return {
    onExecute({ args, setResultAndStopExecution }) {
      if (options.maxEntries <= 0) return;
      const ctx = args.contextValue as Partial<CacheableContext>;
      if (!ctx.viewer || !ctx.reads) return;
      const operation = getOperationAST(args.document, args.operationName);
      if (operation?.operation !== 'query') return;
      const key = [
        documentId(args.document),
        ctx.viewer.cacheKey,
        args.operationName ?? '',
        JSON.stringify(args.variableValues ?? {}),
      ].join('\n');
      const reads = ctx.reads;
      const store = (result: ExecutionResult) => {
        if (result.errors?.length || !reads.reusable) return;
        // Drop the oldest: past the cap, and any expired ones at the head (they hold memory).
        const t = now();
        for (const [k, e] of entries) {
          if (entries.size < options.maxEntries && e.expiresAt > t) break;
          entries.delete(k);
        }
        // Shared by every later hit: frozen, so a plugin that tried to edit it in place would fail.
        entries.set(key, {
          result: Object.freeze({ ...result, stringify: stringifyWithData(result.data) }),
          deps: reads.deps,
          expiresAt: t + options.ttlMs,
        });
      };
      const miss = () => {
        options.onLookup?.(false);
        return {
          onExecuteDone({ result }: { result: unknown }) {
            if (result && typeof result === 'object' && !(Symbol.asyncIterator in result)) {
              store(result as ExecutionResult);
            }
          },
        };
      };
      const hit = entries.get(key);
      if (!hit) return miss();
      entries.delete(key); // re-inserted on a hit: the oldest are dropped first
      if (now() >= hit.expiresAt) return miss();
      const answer = (current: boolean) => {
        if (!current) return miss();
        entries.set(key, hit);
        options.onLookup?.(true);
        setResultAndStopExecution(hit.result);
        return undefined;
      };
      const current = options.cache.current(hit.deps);
      return whenReady(current, answer);
    },
  };
}
