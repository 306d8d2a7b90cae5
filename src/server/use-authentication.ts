/**
 * Authentication at the HTTP edge: operations need a Bearer iotToken or an admin
 * X-Api-Key (or, for an SSE subscription from an EventSource, a subscription ticket), else 401
 * with WWW-Authenticate. GraphiQL's page itself may load.
 */
import type { Plugin } from 'graphql-yoga';
import { ErrorCode, errorResponse } from './client-errors.js';
import type { SubscriptionTickets } from './subscription-tickets.js';
import type { Viewer } from './viewer.js';

export function isGraphiqlPageRequest(request: Request): boolean {
  return (
    request.method === 'GET' &&
    (request.headers.get('accept') ?? '').includes('text/html') &&
    !new URL(request.url).searchParams.has('query')
  );
}

export function useAuthentication(
  graphqlEndpoint: string,
  resolveViewer: (headers: Headers) => Viewer | null,
  viewers: WeakMap<Request, Viewer>,
  requestId: (request: Request) => string | undefined,
  /** A browser EventSource's credential: a subscription ticket in the URL. */
  tickets?: SubscriptionTickets,
): Plugin {
  return {
    onRequest({ request, url, endResponse }) {
      if (url.pathname !== graphqlEndpoint || request.method === 'OPTIONS') return;
      if (isGraphiqlPageRequest(request)) return;
      const viewer = resolveViewer(request.headers);
      if (viewer) {
        viewers.set(request, viewer);
        return;
      }
      const ticketed = tickets?.admit(request, url) ?? null;
      if (ticketed && 'viewer' in ticketed) {
        viewers.set(request, ticketed.viewer);
        return;
      }
      endResponse(
        errorResponse(
          401,
          ticketed?.refused ??
            'Authentication required: send "Authorization: Bearer <iotToken>" or "X-Api-Key: <admin key>".',
          ErrorCode.UNAUTHENTICATED,
          requestId(request),
          { 'www-authenticate': 'Bearer realm="subgate", ApiKey header="X-Api-Key"' },
        ),
      );
    },
  };
}
