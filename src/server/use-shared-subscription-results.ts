/**
 * Subscription events executed once per group of subscribers (docs/subscriptions.md, fan-out).
 * Subscribers whose source streams yield the same payload object, with the same document,
 * operation and variables and the same visibility, share one execution and its JSON text: a
 * change costs one execution per group, not one per subscriber. Visibility is the caller's kind
 * always, and the caller itself when the selection reaches a field that may answer differently
 * per caller (a resolver of its own, or an auth scope; see `dependsOnCaller`). The subscription's
 * start (its `subscribe` resolver: access checks, limits) still runs per subscriber.
 *
 * An open subscription keeps its source stream and its group's key, not its request's context:
 * each event executes on a context of its own, made from the few things the subscriber's context
 * said (`eventContext`), so loaders and request state are let go once the stream has started.
 */
import {
  createSourceEventStream,
  execute,
  getNamedType,
  getOperationAST,
  isAbstractType,
  isCompositeType,
  isObjectType,
  Kind,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';

export interface SharedResultsOptions<C> {
  /** The caller as far as a result may differ: its kind, and its identity. */
  audience(context: C): { kind: string; caller: string };
  /**
   * What executes one event: a function making a fresh context. It must keep only what it
   * needs (the viewer, the services), never the request's context itself.
   */
  eventContext(context: C): () => unknown;
  /** Once the stream has started: what the subscriber's context need no longer hold. */
  release?(context: C): void;
  /** Auth scopes that depend on the caller's kind alone (which every group key holds). */
  kindScopes: readonly string[];
  /** One execution of an event for a group (the metrics). */
  onExecution?(): void;
}

export function useSharedSubscriptionResults<C>(o: SharedResultsOptions<C>): Plugin {
  // Payload → group key → that group's result, kept while the payload is alive.
  const executions = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();
  const documents = new WeakMap<DocumentNode, { id: number; callers: Map<string, boolean> }>();
  let documentIds = 0;

  /** The group a subscription belongs to; yoga's parser cache hands the same text one document. */
  function groupKey(args: ExecutionArgs): string {
    let doc = documents.get(args.document);
    if (!doc) documents.set(args.document, (doc = { id: ++documentIds, callers: new Map() }));
    const operation = args.operationName ?? '';
    let perCaller = doc.callers.get(operation);
    if (perCaller === undefined) {
      perCaller = dependsOnCaller(args.schema, args.document, args.operationName, o.kindScopes);
      doc.callers.set(operation, perCaller);
    }
    const { kind, caller } = o.audience(args.contextValue as C);
    const variables = JSON.stringify(args.variableValues ?? {});
    // One flat string (a template's pieces would stay a tree of parts, held per subscriber).
    return [doc.id, operation, variables, kind, perCaller ? caller : ''].join('\n');
  }

  async function subscribe(args: ExecutionArgs) {
    const source = await createSourceEventStream(args);
    if (!isAsyncIterable(source)) return source;
    const key = groupKey(args);
    const context = o.eventContext(args.contextValue as C);
    const { schema, document, variableValues, operationName } = args;
    o.release?.(args.contextValue as C);
    const resultOf = (payload: unknown): Promise<ExecutionResult> => {
      // Only an object can be shared (every payload of this schema is one).
      const shared = typeof payload === 'object' && payload !== null ? payload : null;
      let byGroup = shared ? executions.get(shared) : undefined;
      const known = byGroup?.get(key);
      if (known) return known;
      o.onExecution?.();
      const result = Promise.resolve(
        execute({
          schema,
          document,
          rootValue: payload,
          contextValue: context(),
          variableValues,
          operationName,
        }),
      ).then(serializedOnce);
      if (shared) {
        if (!byGroup) executions.set(shared, (byGroup = new Map()));
        byGroup.set(key, result);
      }
      return result;
    };
    return new Mapped(source, resultOf);
  }

  return {
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(subscribe as Parameters<typeof setSubscribeFn>[0]);
    },
  };
}

/**
 * The result's JSON text, made on the first subscriber's write and reused by the others: yoga's
 * result processors serialize with a result's own `stringify` when it has one.
 */
function serializedOnce(result: ExecutionResult): ExecutionResult {
  let text: string | undefined;
  Object.defineProperty(result, 'stringify', {
    value: (value: unknown) => (text ??= JSON.stringify(value)),
    enumerable: false,
  });
  return result;
}

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

/**
 * `source`'s items through `f`, one at a time; ending either ends the source. A class with no
 * async frames: an open subscription holds it while its next item is awaited.
 */
class Mapped<T, R> implements AsyncIterableIterator<R> {
  readonly #it: AsyncIterator<T>;
  readonly #f: (item: T) => Promise<R>;

  constructor(source: AsyncIterable<T>, f: (item: T) => Promise<R>) {
    this.#it = source[Symbol.asyncIterator]();
    this.#f = f;
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  next(): Promise<IteratorResult<R>> {
    return this.#it.next().then((r) =>
      r.done
        ? DONE
        : this.#f(r.value).then(
            (value) => ({ value, done: false }),
            (err: unknown) => this.#close().then(() => Promise.reject(err)),
          ),
    );
  }

  return(): Promise<IteratorResult<R>> {
    return this.#close().then(() => DONE);
  }

  throw(err: unknown): Promise<IteratorResult<R>> {
    return this.#close().then(() => Promise.reject(err));
  }

  #close(): Promise<unknown> {
    return Promise.resolve(this.#it.return?.());
  }
}

/**
 * Whether the operation's selection may answer differently for two callers of the same kind:
 * it reaches, below the subscription's root field, a field with a resolver of its own (it may
 * read with the caller's credential) or an auth scope beyond the caller's kind (on the field or
 * its type). Exposed fields read only the event's object. The root fields' own resolvers must read nothing of the
 * context (schema/subscription.ts).
 */
export function dependsOnCaller(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  kindScopes: readonly string[],
): boolean {
  const operation = getOperationAST(document, operationName);
  const root = schema.getSubscriptionType();
  if (!operation || !root) return true;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const visiting = new Set<string>();

  const objectsOf = (type: GraphQLCompositeType): readonly GraphQLObjectType[] =>
    isAbstractType(type) ? schema.getPossibleTypes(type) : isObjectType(type) ? [type] : [];

  const walk = (type: GraphQLCompositeType, set: SelectionSetNode, atRoot: boolean): boolean => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === '__typename') continue;
        for (const object of objectsOf(type)) {
          const field = object.getFields()[name];
          if (!field) continue;
          // The root fields' own resolvers read nothing of the context (see above).
          if (!atRoot && !plain(field)) return true;
          const scopes = [scopesOf(field), scopesOf(object)];
          if (scopes.some((s) => beyondKind(s, kindScopes))) return true;
          const next = getNamedType(field.type);
          if (selection.selectionSet && isCompositeType(next)) {
            if (walk(next, selection.selectionSet, false)) return true;
          }
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition
          ? schema.getType(selection.typeCondition.name.value)
          : type;
        if (!on || !isCompositeType(on)) return true;
        if (walk(on, selection.selectionSet, atRoot)) return true;
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment) return true;
        if (visiting.has(name)) continue;
        visiting.add(name);
        const on = schema.getType(fragment.typeCondition.name.value);
        const depends = !on || !isCompositeType(on) || walk(on, fragment.selectionSet, atRoot);
        visiting.delete(name);
        if (depends) return true;
      }
    }
    return false;
  };
  return walk(root, operation.selectionSet, true);
}

type PothosExtensions = { pothosExposedField?: string; pothosOptions?: { authScopes?: unknown } };

const scopesOf = (x: GraphQLField<unknown, unknown> | GraphQLObjectType) =>
  (x.extensions as PothosExtensions).pothosOptions?.authScopes;

/** A field exposed from its parent object (Pothos `t.expose…`). */
const plain = (field: GraphQLField<unknown, unknown>) =>
  (field.extensions as PothosExtensions).pothosExposedField !== undefined;

/** Scopes that may differ between two callers of one kind: a function, or another scope. */
const beyondKind = (scopes: unknown, kindScopes: readonly string[]) =>
  scopes !== undefined &&
  (typeof scopes !== 'object' ||
    scopes === null ||
    Object.keys(scopes).some((scope) => !kindScopes.includes(scope)));
