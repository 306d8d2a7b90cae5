/**
 * Subscription tickets (docs/subscriptions.md "From a browser's EventSource"). A browser's
 * `EventSource` cannot send headers, so a caller trades its usual credential for a ticket that
 * opens one subscription document over SSE: a GET with `Accept: text/event-stream` and
 * `?ticket=…`, until it expires (SUBSCRIPTIONS_TICKET_TTL_MS).
 *
 * A ticket is sealed with AES-256-GCM (node:crypto): what it holds (the user's token, or which
 * admin key minted it; the document's hash; the expiry) is unreadable in the URL, where proxies
 * and browsers keep it, and a changed byte fails its tag. The key is derived from configuration
 * with HKDF, so every replica opens what any other sealed.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { Kind, parse } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ValidationError } from '../mutations/results.js';
import { trustedDocument } from './trusted-documents.js';
import { credentialKey, type Viewer } from './viewer.js';

/** The query parameter that carries a ticket. */
export const TICKET_PARAM = 'ticket';

const VERSION = 'st1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** What a ticket holds: expiry (epoch ms), the document's hash, and the caller. */
interface Claims {
  e: number;
  d: string;
  /** A user's token… */
  u?: string;
  /** …or the hash of the admin key that minted it (checked against the configured keys). */
  a?: string;
}

/** The id a document is bound by: the trusted-documents manifest's form, `sha256:<hex>`. */
export const documentHash = (document: string) =>
  `sha256:${createHash('sha256').update(document).digest('hex')}`;

/** How a request fared: no ticket in it, admitted as a viewer, or refused with a reason. */
export type Admission = null | { viewer: Viewer } | { refused: string };

/** The document a ticket is for: its text, or a trusted document's id (exactly one). */
export interface TicketDocument {
  document?: string | null;
  documentId?: string | null;
}

export interface SubscriptionTickets {
  /** A ticket for `viewer` to open this document; ValidationError unless it is a subscription. */
  mint(viewer: Viewer, input: TicketDocument): { ticket: string; expiresAt: Date };
  /** The viewer of a request authenticated by a ticket (null: it carries none). */
  admit(request: Request, url: URL): Admission;
  /** Whether `admit` let this request in. */
  admitted(request: Request): boolean;
}

export function createSubscriptionTickets(options: {
  /** SUBSCRIPTIONS_TICKET_SECRET, else the Living IoT AppSecret every replica shares. */
  secret: string;
  ttlMs: number;
  adminKeys: readonly string[];
  now: () => number;
}): SubscriptionTickets {
  const key = Buffer.from(
    hkdfSync('sha256', options.secret, 'subgate', 'subscription ticket v1', 32),
  );
  const adminHashes = new Set(options.adminKeys.map((k) => credentialKey('admin', k)));
  const admittedRequests = new WeakSet<Request>();

  const seal = (claims: Claims): string => {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(VERSION));
    const body = Buffer.concat([cipher.update(JSON.stringify(claims)), cipher.final()]);
    return `${VERSION}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
  };

  const open = (ticket: string): Claims | null => {
    const [version, sealed, extra] = ticket.split('.');
    if (version !== VERSION || !sealed || extra !== undefined) return null;
    const raw = Buffer.from(sealed, 'base64url');
    // Canonical base64url only: a changed last character that decodes the same is refused too.
    if (raw.length <= IV_BYTES + TAG_BYTES || raw.toString('base64url') !== sealed) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES))
        .setAAD(Buffer.from(VERSION))
        .setAuthTag(raw.subarray(raw.length - TAG_BYTES));
      const text = Buffer.concat([
        decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
      return JSON.parse(text) as Claims;
    } catch {
      return null; // altered, or sealed with another key
    }
  };

  const viewerOf = (claims: Claims): Viewer | null => {
    if (typeof claims.u === 'string') {
      return { kind: 'user', iotToken: claims.u, cacheKey: credentialKey('user', claims.u) };
    }
    // An admin key removed from GATEWAY_ADMIN_KEYS takes its tickets with it.
    if (typeof claims.a === 'string' && adminHashes.has(claims.a)) {
      return { kind: 'admin', cacheKey: claims.a };
    }
    return null;
  };

  return {
    mint(viewer, input) {
      const docHash = boundDocument(input);
      const expiresAt = options.now() + options.ttlMs;
      const who = viewer.kind === 'user' ? { u: viewer.iotToken } : { a: viewer.cacheKey };
      return { ticket: seal({ e: expiresAt, d: docHash, ...who }), expiresAt: new Date(expiresAt) };
    },
    admit(request, url) {
      const ticket = url.searchParams.get(TICKET_PARAM);
      // A credential header is the request's credential; a ticket beside it is not consulted.
      if (ticket === null || request.headers.has('authorization')) return null;
      if (request.headers.has('x-api-key')) return null;
      const isStream =
        request.method === 'GET' &&
        (request.headers.get('accept') ?? '').includes('text/event-stream');
      if (!isStream) {
        return {
          refused:
            'A subscription ticket opens a subscription only: a GET request with "Accept: text/event-stream" (an EventSource).',
        };
      }
      const claims = open(ticket);
      const viewer = claims && viewerOf(claims);
      if (!claims || !viewer) {
        return { refused: 'The subscription ticket is not valid: mint a new one.' };
      }
      if (options.now() >= claims.e) {
        return { refused: 'The subscription ticket has expired: mint a new one.' };
      }
      if (requestedDocumentHash(url) !== claims.d) {
        return { refused: 'The subscription ticket was minted for another document.' };
      }
      admittedRequests.add(request);
      return { viewer };
    },
    admitted: (request) => admittedRequests.has(request),
  };
}

const invalid = (field: string, rule: string) =>
  new ValidationError([{ field: `input.${field}`, rule }]);

/** The hash a ticket binds: of a document holding subscription operations only. */
function boundDocument({ document, documentId }: TicketDocument): string {
  if ((document == null) === (documentId == null)) {
    throw invalid('document', 'give exactly one of document and documentId');
  }
  const field = document != null ? 'document' : 'documentId';
  const text = document ?? trustedDocument(documentId!);
  if (text === null) throw invalid(field, 'must be the id of a trusted document');
  let operations;
  try {
    operations = parse(text).definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  } catch {
    throw invalid(field, 'must be a GraphQL document');
  }
  if (operations.length === 0 || operations.some((o) => o.operation !== 'subscription')) {
    throw invalid(field, 'must hold subscription operations only');
  }
  return document != null ? documentHash(document) : documentId!;
}

/** The hash of the document a GET names: its `query`, else its persisted id (yoga's order). */
function requestedDocumentHash(url: URL): string | null {
  const query = url.searchParams.get('query');
  if (query) return documentHash(query);
  try {
    const hash = JSON.parse(url.searchParams.get('extensions') ?? 'null')?.persistedQuery
      ?.sha256Hash;
    return typeof hash === 'string' ? `sha256:${hash}` : null;
  } catch {
    return null;
  }
}

/**
 * `plugin` (yoga's CSRF prevention) except for requests a ticket admitted: an EventSource sends
 * no custom header, and its ticket, which only its caller could mint, is the proof instead.
 */
export function exceptTicketed(plugin: Plugin, tickets: SubscriptionTickets): Plugin {
  const parse = plugin.onRequestParse;
  if (!parse) return plugin;
  return {
    ...plugin,
    onRequestParse: (payload) =>
      tickets.admitted(payload.request) ? undefined : parse.call(plugin, payload),
  };
}
