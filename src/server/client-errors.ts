/**
 * Error codes and the one place errors are translated for clients.
 * Vendor bodies and signatures go to logs only; clients see a stable `extensions.code`.
 */
import { GraphQLError } from 'graphql';
import type { VendorErrorCategory } from '../upstream/error-category.js';
import { IdempotencyUnavailableError } from '../idempotency/idempotency-store.js';
import { VendorError } from '../upstream/vendor-error.js';

export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  VENDOR_REJECTED: 'VENDOR_REJECTED',
  VENDOR_FORBIDDEN: 'VENDOR_FORBIDDEN',
  VENDOR_RATE_LIMITED: 'VENDOR_RATE_LIMITED',
  VENDOR_TIMEOUT: 'VENDOR_TIMEOUT',
  VENDOR_UNAVAILABLE: 'VENDOR_UNAVAILABLE',
  VENDOR_BAD_RESPONSE: 'VENDOR_BAD_RESPONSE',
  /** Shared state (Redis) is unreachable and the operation cannot go on safely without it. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** The caller's budget cannot cover the request now (src/server/use-budgets.ts): 429. */
  RATE_LIMITED: 'RATE_LIMITED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  // Refusals before execution (yoga names the first four; the limits plugins the others).
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
  BAD_REQUEST: 'BAD_REQUEST',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  QUERY_TOO_COSTLY: 'QUERY_TOO_COSTLY',
  REQUEST_TOO_LARGE: 'REQUEST_TOO_LARGE',
  LENGTH_REQUIRED: 'LENGTH_REQUIRED',
  // Trusted documents (src/server/trusted-documents.ts).
  PERSISTED_DOCUMENT_NOT_FOUND: 'PERSISTED_DOCUMENT_NOT_FOUND',
  TRUSTED_DOCUMENTS_ONLY: 'TRUSTED_DOCUMENTS_ONLY',
  // Subscriptions (src/live/, docs/subscriptions.md).
  TOO_MANY_SUBSCRIPTIONS: 'TOO_MANY_SUBSCRIPTIONS',
  SHUTTING_DOWN: 'SHUTTING_DOWN',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes of errors the client caused: routine, so logged below error level and without stacks. */
const CLIENT_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.GRAPHQL_PARSE_FAILED,
  ErrorCode.GRAPHQL_VALIDATION_FAILED,
  ErrorCode.OPERATION_RESOLUTION_FAILURE,
  ErrorCode.BAD_REQUEST,
  ErrorCode.QUERY_TOO_COMPLEX,
  ErrorCode.QUERY_TOO_COSTLY,
  ErrorCode.RATE_LIMITED,
  ErrorCode.REQUEST_TOO_LARGE,
  ErrorCode.LENGTH_REQUIRED,
  ErrorCode.PERSISTED_DOCUMENT_NOT_FOUND,
  ErrorCode.TRUSTED_DOCUMENTS_ONLY,
  ErrorCode.TOO_MANY_SUBSCRIPTIONS,
  // Not the client's doing, but routine: a stream ended so its client reconnects elsewhere.
  ErrorCode.SHUTTING_DOWN,
]);

/** An error we raise on purpose: its message and extensions are safe to show. */
export class GatewayError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extensions } });
    this.name = 'GatewayError';
  }
}

/** Bad input, named by field and rule, raised before any vendor call. */
export function badInput(field: string, rule: string): GatewayError {
  return new GatewayError(ErrorCode.BAD_USER_INPUT, `${field}: ${rule}`, { field, rule });
}

/** The client-facing code of each vendor failure category (src/upstream/error-category.ts). */
const CATEGORY_CODES: Readonly<Record<VendorErrorCategory, ErrorCode>> = {
  unauthenticated: ErrorCode.UNAUTHENTICATED,
  'not-bound': ErrorCode.FORBIDDEN,
  'not-admin': ErrorCode.FORBIDDEN,
  'app-forbidden': ErrorCode.VENDOR_FORBIDDEN,
  'invalid-parameter': ErrorCode.VENDOR_REJECTED,
  rejected: ErrorCode.VENDOR_REJECTED,
  throttled: ErrorCode.VENDOR_RATE_LIMITED,
  'held-back': ErrorCode.VENDOR_RATE_LIMITED,
  'circuit-open': ErrorCode.VENDOR_UNAVAILABLE,
  deadline: ErrorCode.VENDOR_TIMEOUT,
  timeout: ErrorCode.VENDOR_TIMEOUT,
  'backend-timeout': ErrorCode.VENDOR_TIMEOUT,
  unavailable: ErrorCode.VENDOR_UNAVAILABLE,
  failed: ErrorCode.VENDOR_UNAVAILABLE,
  'bad-response': ErrorCode.VENDOR_BAD_RESPONSE,
};

/** The client-facing code of a vendor failure. */
export function vendorErrorCode(error: VendorError): ErrorCode {
  return CATEGORY_CODES[error.category];
}

const CLIENT_MESSAGES: Partial<Record<ErrorCode, string>> = {
  UNAUTHENTICATED: 'The user token was rejected by the vendor (expired or unknown).',
  FORBIDDEN: 'The user may not access this device.',
  VENDOR_FORBIDDEN: 'The vendor refused this request for this application.',
  VENDOR_RATE_LIMITED: 'The vendor is throttling requests; retry later.',
  VENDOR_TIMEOUT: 'The vendor did not answer in time.',
  VENDOR_UNAVAILABLE: 'The vendor is unavailable.',
  VENDOR_BAD_RESPONSE: 'The vendor sent a response subgate could not read.',
};

/** Extensions a client may see for a vendor failure: code, vendor code and request id. */
export function vendorErrorExtensions(error: VendorError): Record<string, unknown> {
  return {
    code: vendorErrorCode(error),
    vendor: error.vendor,
    vendorCode: error.code,
    requestId: error.requestId,
  };
}

/**
 * The message a client sees: business messages are the vendor's documented texts (docs/vendors.md#living-iot
 * table); gateway-level messages can carry the server's string to sign, so they stay in logs.
 */
export function vendorClientMessage(error: VendorError): string {
  const code = vendorErrorCode(error);
  if (error.kind === 'business' && code === ErrorCode.VENDOR_REJECTED) {
    return `Vendor rejected the request: ${error.message}`;
  }
  return CLIENT_MESSAGES[code] ?? 'The vendor rejected the request.';
}

export function toClientError(
  error: VendorError,
  path?: readonly (string | number)[],
): GraphQLError {
  return new GraphQLError(vendorClientMessage(error), {
    path,
    extensions: {
      ...vendorErrorExtensions(error),
      ...(error.localizedMessage && error.kind === 'business'
        ? { localizedMessage: error.localizedMessage }
        : {}),
    },
  });
}

/** graphql-js may load twice (ESM and CJS builds), so recognise its errors by name, not class. */
function isGraphQLError(error: unknown): error is GraphQLError {
  return error instanceof Error && error.name === 'GraphQLError';
}

function relocate(
  error: unknown,
  message: string,
  extensions: Record<string, unknown>,
): GraphQLError {
  const located = isGraphQLError(error) ? error : undefined;
  return new GraphQLError(message, {
    nodes: located?.nodes,
    positions: located?.positions,
    source: located?.source,
    path: located?.path,
    extensions,
  });
}

/** A variable GraphQL refused before execution (`Variable "$first" got invalid value …`). */
const VARIABLE = /^Variable "(\$[^"]+)"/;

/**
 * yoga's maskError: our coded errors and GraphQL's own coded ones (syntax, validation, limits)
 * pass; GraphQL's uncoded request-level errors (variable coercion, operation selection) are the
 * client's input; vendor errors become coded errors; everything else is masked.
 */
export function maskError(error: unknown, message: string): Error {
  const original = (error as { originalError?: unknown } | null)?.originalError ?? error;
  if (original instanceof GatewayError) {
    return relocate(error, original.message, { ...original.extensions });
  }
  if (original instanceof VendorError) {
    return relocate(error, vendorClientMessage(original), toClientError(original).extensions);
  }
  // Nothing was sent to the vendor: the same key may be sent again once Redis answers.
  if (original instanceof IdempotencyUnavailableError) {
    return relocate(error, original.message, { code: ErrorCode.SERVICE_UNAVAILABLE });
  }
  // GraphQL's own errors, including those a scalar raised on bad input: deliberate, safe to show.
  if (isGraphQLError(error) && (original === error || isGraphQLError(original))) {
    if (typeof error.extensions?.code === 'string') return error;
    // Without a path it was raised before execution, over the request itself.
    if (!error.path) {
      const variable = VARIABLE.exec(error.message)?.[1];
      return relocate(error, error.message, {
        ...error.extensions,
        code: ErrorCode.BAD_USER_INPUT,
        ...(variable ? { field: variable, rule: variableRule(error.message) } : {}),
      });
    }
  }
  return relocate(error, message, { code: ErrorCode.INTERNAL_SERVER_ERROR });
}

function variableRule(message: string): string {
  return /not provided|must not be null/.test(message) ? 'is required' : 'must match its type';
}

/** An error the client caused (bad input, refused access, limits), as the client sees it. */
export function clientError(error: unknown): { code: string; message: string } | null {
  const masked = maskError(error, '') as GraphQLError;
  const code = masked.extensions?.code;
  return typeof code === 'string' && CLIENT_CODES.has(code)
    ? { code, message: masked.message }
    : null;
}

/** A refusal answered at the HTTP edge, before GraphQL runs; it carries the request id too. */
export function errorResponse(
  status: number,
  message: string,
  code: ErrorCode,
  requestId: string | undefined,
  headers: Record<string, string> = {},
): Response {
  return new Response(
    JSON.stringify({
      errors: [{ message, extensions: { code } }],
      ...(requestId ? { extensions: { requestId } } : {}),
    }),
    { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } },
  );
}

/** An error raised because the request's client disconnected (its signal's AbortError). */
export function isClientAbort(error: unknown): boolean {
  const original = (error as { originalError?: unknown } | null)?.originalError ?? error;
  return original instanceof Error && original.name === 'AbortError';
}
