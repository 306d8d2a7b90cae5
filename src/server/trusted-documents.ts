/**
 * Trusted documents: the operations in schema/operations/, persisted by codegen to
 * schema/generated/persisted-documents.json ("sha256:<hex>" → document), run by id.
 *
 * A request names one as `{ "documentId": "sha256:<hex>" }` (the GraphQL-over-HTTP
 * persisted-documents form Hive Gateway sends) or as Apollo's
 * `extensions.persistedQuery.sha256Hash` (the bare hex). Mode `allow` also runs ad-hoc
 * documents; mode `only` runs ad-hoc documents for admin keys alone.
 */
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { GraphQLError } from 'graphql';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
import manifest from '../../schema/generated/persisted-documents.json' with { type: 'json' };
import type { TrustedDocumentsMode } from '../config.js';
import { ErrorCode } from './client-errors.js';
import type { Viewer } from './viewer.js';

/** The body parameter that names a persisted document (beside query, variables, …). */
export const DOCUMENT_ID_PARAM = 'documentId';

const documents: ReadonlyMap<string, string> = new Map(Object.entries(manifest));

/** The trusted document with this id (`sha256:<hex>`), or null. */
export const trustedDocument = (id: string): string | null => documents.get(id) ?? null;

/** The manifest's id named by a request, or null when it names none. */
export function persistedDocumentId(params: GraphQLParams): string | null {
  const id = (params as Record<string, unknown>)[DOCUMENT_ID_PARAM];
  if (typeof id === 'string') return id;
  const hash = (params.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)
    ?.sha256Hash;
  return typeof hash === 'string' ? `sha256:${hash}` : null;
}

/** The document a request runs: its query, or the trusted document its id names (else null). */
export function documentOf(params: GraphQLParams): string | null {
  if (typeof params.query === 'string') return params.query;
  const id = persistedDocumentId(params);
  return (id && documents.get(id)) ?? null;
}

/** A refusal before execution, coded like yoga's own (so logged once, on the request line). */
const refusal = (code: ErrorCode, message: string, status: number) =>
  new GraphQLError(message, { extensions: { code, http: { status } } });

export function useTrustedDocuments(
  mode: TrustedDocumentsMode,
  viewers: WeakMap<Request, Viewer>,
): Plugin {
  return usePersistedOperations({
    getPersistedOperation: trustedDocument,
    extractPersistedOperationId: persistedDocumentId,
    // The auth plugin has resolved the viewer on this request (onRequest precedes onParams).
    allowArbitraryOperations:
      mode === 'allow' ? true : (request) => viewers.get(request)?.kind === 'admin',
    customErrors: {
      notFound: () =>
        refusal(
          ErrorCode.PERSISTED_DOCUMENT_NOT_FOUND,
          'No trusted document has this id: regenerate the client from schema/operations.',
          400,
        ),
      keyNotFound: () =>
        refusal(
          ErrorCode.BAD_REQUEST,
          `Send a "query" or a "${DOCUMENT_ID_PARAM}" of a trusted document.`,
          400,
        ),
      persistedQueryOnly: () =>
        refusal(
          ErrorCode.TRUSTED_DOCUMENTS_ONLY,
          `Only trusted documents may run here: send the "${DOCUMENT_ID_PARAM}" of an operation from schema/operations.`,
          403,
        ),
    },
  });
}
