/**
 * What the selling tests share: the error members every mutation selects, and a harness on one
 * standing clock (gateway and emulator) whose 10 s APIs have their own timeout, above the others'
 * and the request deadline, reset before each test.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { exampleQuery } from '../../src/server/graphiql-example.js';
import { authHeaders, manualClock, startHarness, type Harness } from '../harness.js';

export const alice = { token: 'demo-token-alice' };
export const bob = { token: 'demo-token-bob' };
export const carol = { token: 'demo-token-carol' };
/** The emulator's default paymentSettleMs. */
export const SETTLE_MS = 3000;

export const ERROR_MEMBERS = /* GraphQL */ `
      ... on ValidationError {
        field
        rule
        issues {
          field
          rule
        }
      }
      ... on VendorRejectedError {
        vendorCode
        localizedMessage
        requestId
      }
      ... on ForbiddenError {
        vendorCode
        requestId
      }
      ... on OutcomeUnknownError {
        idempotencyKey
      }
`;

export { operation } from '../harness.js';

/** Runs one operation of GraphiQL's example document for `iotId`, `<orderId>` filled in. */
export async function runExample(
  h: Harness,
  operationName: string,
  as: { token: string },
  iotId: string,
  orderId = '<orderId>',
): Promise<any> {
  const res = await fetch(h.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authHeaders(as) },
    body: JSON.stringify({
      query: exampleQuery(iotId).replaceAll('<orderId>', orderId),
      operationName,
    }),
  });
  return res.json();
}

/** Registers the hooks; `get()` is the harness once started. */
export function sellingHarness() {
  const clock = manualClock();
  let h: Harness | undefined;
  beforeAll(async () => {
    h = await startHarness({
      now: clock.now,
      env: { ILOP_TIMEOUT_MS: '300', REQUEST_DEADLINE_MS: '300', ILOP_LONG_TIMEOUT_MS: '1500' },
    });
  });
  afterAll(() => h?.close());
  beforeEach(async () => {
    await h!.setFaults([]);
    await fetch(`${h!.emulatorUrl}/__emulator/reset`, { method: 'POST' });
    await h!.resetCalls();
  });
  return { clock, get: () => h! };
}
