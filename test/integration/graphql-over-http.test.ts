/** The GraphQL-over-HTTP audit of `graphql-http`: every MUST and SHOULD passes against the gateway. */
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, startHarness, type Harness } from '../harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

// The audit sends no credentials; a trusted backend would send its admin key on every request.
const fetchWithKey: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  headers.set('x-api-key', ADMIN_KEY);
  return fetch(input, { ...init, headers });
};

describe('GraphQL over HTTP', () => {
  const audits = serverAudits({ url: () => h.url, fetchFn: fetchWithKey });
  // MAY audits are optional by the spec; every MUST and SHOULD is held to.
  for (const audit of audits.filter((a) => /^(MUST|SHOULD) /.test(a.name))) {
    it(audit.name, async () => {
      const result = await audit.fn();
      expect(result.status, 'reason' in result ? result.reason : '').toBe('ok');
    });
  }
});
