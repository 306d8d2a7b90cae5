/** The ticket's own rules, away from HTTP: who it names, and when a request is not its to admit. */
import { describe, expect, it } from 'vitest';
import { createSubscriptionTickets } from '../../src/server/subscription-tickets.js';
import { createViewerResolver } from '../../src/server/viewer.js';

const SECRET = 'unit-test-ticket-secret-0123456789abcdef';
const ADMIN_KEY = 'unit-admin-key-0123456789';
const DOC = 'subscription { billingOrderUpdated { orderId } }';
const admin = createViewerResolver([ADMIN_KEY])(new Headers({ 'x-api-key': ADMIN_KEY }))!;

const tickets = (adminKeys: string[]) =>
  createSubscriptionTickets({ secret: SECRET, ttlMs: 60_000, adminKeys, now: () => 1_000 });

function request(ticket: string, headers: Record<string, string> = {}) {
  const url = new URL('http://gateway.test/graphql');
  url.searchParams.set('query', DOC);
  url.searchParams.set('ticket', ticket);
  const req = new Request(url, { headers: { accept: 'text/event-stream', ...headers } });
  return [req, url] as const;
}

describe('subscription tickets', () => {
  it("admit an admin key's ticket while that key is configured, and not once it is removed", () => {
    const { ticket } = tickets([ADMIN_KEY]).mint(admin, { document: DOC });
    expect(tickets([ADMIN_KEY]).admit(...request(ticket))).toEqual({ viewer: admin });
    expect(tickets(['another-admin-key-0123456789']).admit(...request(ticket))).toEqual({
      refused: 'The subscription ticket is not valid: mint a new one.',
    });
  });

  it('leave a request with a credential header to that header', () => {
    const t = tickets([ADMIN_KEY]);
    const { ticket } = t.mint(admin, { document: DOC });
    const headers: Record<string, string>[] = [
      { authorization: 'Bearer someone' },
      { 'x-api-key': 'wrong-key' },
    ];
    for (const header of headers) {
      const [req, url] = request(ticket, header);
      expect(t.admit(req, url)).toBeNull();
      expect(t.admitted(req)).toBe(false);
    }
  });

  it('refuse what is not a sealed ticket of this version', () => {
    const t = tickets([ADMIN_KEY]);
    const { ticket } = t.mint(admin, { document: DOC });
    for (const bad of ['', 'st1.', ticket.replace(/^st1/, 'st2'), `${ticket}.x`, 'st1.AAAA']) {
      expect(t.admit(...request(bad))).toEqual({
        refused: 'The subscription ticket is not valid: mint a new one.',
      });
    }
  });
});
