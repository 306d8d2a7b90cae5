/**
 * Every error a client can cause is coded (never INTERNAL_SERVER_ERROR), every answer carries the
 * request id, and such errors are logged as routine: below error level, without a stack.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DEVICES } from '../../src/emulator/dataset.js';
import { ADMIN_KEY, startHarness, type Harness } from '../harness.js';

const alice = { token: 'demo-token-alice' };
const bob = { token: 'demo-token-bob' };
const device = DEMO_DEVICES.aliceExample; // alice is admin, bob is not bound
const b64 = (text: string) => Buffer.from(text).toString('base64');

let h: Harness;
const logLines: string[] = [];
beforeAll(async () => {
  h = await startHarness({ logLines });
});
afterAll(() => h?.close());

async function deviceId(): Promise<string> {
  const res = await h.gql(`query($id: String!) { device(iotId: $id) { id } }`, { id: device });
  return res.body.data.device.id;
}

describe('node and nodes', () => {
  it.each([
    ['garbage', 'must be a global ID from an `id` field'],
    [b64('Device:'), 'must be a global ID from an `id` field'],
    [b64('Nope:1'), 'names Nope, which is not a type node can fetch'],
    [b64('Money:1'), 'names Money, which is not a type node can fetch'],
  ])('node(id: %j) is BAD_USER_INPUT naming the field and rule', async (id, rule) => {
    await h.resetCalls();
    const res = await h.gql(`query($id: ID!) { node(id: $id) { id } }`, { id });
    expect(res.body.data).toEqual({ node: null });
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        path: ['node'],
        extensions: { code: 'BAD_USER_INPUT', field: 'id', rule },
      }),
    ]);
    expect((await h.calls()).total).toBe(0);
  });

  it('nodes([valid, garbage]): only the bad item is null, with its own error at its path', async () => {
    const good = await deviceId();
    const res = await h.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, {
      ids: [good, 'garbage', good, b64('Nope:1'), b64('StreamingOrder:zz')],
    });
    expect(res.body.data.nodes).toEqual([{ id: good }, null, { id: good }, null, null]);
    expect(res.body.errors).toHaveLength(3);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: ['nodes', 1],
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'ids[1]' }),
        }),
        expect.objectContaining({
          path: ['nodes', 3],
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'ids[3]' }),
        }),
        expect.objectContaining({
          path: ['nodes', 4],
          extensions: {
            code: 'BAD_USER_INPUT',
            field: 'ids[4]',
            rule: 'is not a StreamingOrder ID',
          },
        }),
      ]),
    );
  });

  it('a device the user may not see nulls only its item in nodes', async () => {
    const good = await deviceId();
    const mine = (await h.gql(`{ device(iotId: "${DEMO_DEVICES.bobManySharedWithAlice}") { id } }`))
      .body.data.device.id;
    const res = await h.gql(
      `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
      { ids: [mine, good] },
      bob,
    );
    expect(res.body.data.nodes).toEqual([{ id: mine }, null]);
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        path: ['nodes', 1],
        extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
      }),
    ]);
  });
});

describe('refusals before execution are coded', () => {
  const refused = async (query: string, variables?: Record<string, unknown>) => {
    await h.resetCalls();
    const res = await h.gql(query, variables);
    expect(res.body.data ?? null).toBeNull();
    expect((await h.calls()).total).toBe(0);
    expect(res.body.errors).toHaveLength(1);
    return res.body.errors![0]!;
  };

  it.each([
    [
      'aliases',
      `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: streamingPlans { commodityCode }`).join(' ')} }`,
      15,
      /alias/i,
    ],
    [
      'depth',
      `{ device(iotId: "x") { ${'cloudStorageOrders(first: 1) { edges { node { device { '.repeat(4)} iotId ${'} } } }'.repeat(4)} } }`,
      12,
      /depth/i,
    ],
    ['tokens', `{ streamingPlans { ${'commodityCode '.repeat(2001)} } }`, 2000, /token/i],
    [
      'directives',
      `{ streamingPlans ${'@skip(if: false) '.repeat(21)} { commodityCode } }`,
      20,
      /directive/i,
    ],
  ])(
    'graphql-armor: too many %s → QUERY_TOO_COMPLEX with the limit',
    async (_, query, limit, message) => {
      const error = await refused(query);
      expect(error.message).toMatch(message);
      expect(error.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit });
    },
  );

  it('a variable of the wrong type is BAD_USER_INPUT naming it', async () => {
    const error = await refused(
      `query($first: Int) { device(iotId: "x") { cloudStorageOrders(first: $first) { totalCount } } }`,
      { first: 'x' },
    );
    expect(error.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: '$first',
      rule: 'must match its type',
    });
  });

  it('a missing required variable is BAD_USER_INPUT naming it', async () => {
    const error = await refused(`query($id: String!) { device(iotId: $id) { iotId } }`, {});
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: '$id', rule: 'is required' });
  });

  it('syntax and validation errors keep their GraphQL codes', async () => {
    expect((await refused(`{ device(iotId: "x") { iotId `)).extensions).toEqual({
      code: 'GRAPHQL_PARSE_FAILED',
    });
    expect((await refused(`{ device(iotId: "x") { nope } }`)).extensions).toEqual({
      code: 'GRAPHQL_VALIDATION_FAILED',
    });
  });
});

describe('malformed requests', () => {
  const post = (body: string) =>
    fetch(h.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY },
      body,
    }).then(async (r) => ({ status: r.status, body: await r.json() }));

  it('bad JSON and a missing query are BAD_REQUEST', async () => {
    const badJson = await post('{bad json');
    expect(badJson.status).toBe(400);
    expect(badJson.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect((await post('{}')).body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('two operations without operationName are OPERATION_RESOLUTION_FAILURE', async () => {
    const res = await post(
      JSON.stringify({
        query: `query A { streamingPlans { commodityCode } } query B { streamingPlans { commodityCode } }`,
      }),
    );
    expect(res.body.errors[0].extensions.code).toBe('OPERATION_RESOLUTION_FAILURE');
  });
});

describe('request id', () => {
  it('a 401 body carries extensions.requestId, the same as the header', async () => {
    const res = await h.gql(`{ streamingPlans { commodityCode } }`, {}, 'anonymous');
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect((res.body as { extensions?: { requestId?: string } }).extensions?.requestId).toBe(id);
  });

  it('a 413 body carries it too', async () => {
    const res = await fetch(h.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY },
      body: JSON.stringify({ query: `{ streamingPlans { commodityCode } }`.padEnd(200_000) }),
    });
    expect(res.status).toBe(413);
    const body = await res.json();
    expect(body.errors[0].extensions).toEqual({ code: 'REQUEST_TOO_LARGE' });
    expect(body.extensions.requestId).toBe(res.headers.get('x-request-id'));
  });
});

describe('logging', () => {
  const parsed = () => logLines.map((l) => JSON.parse(l) as Record<string, any>);

  it('routine client errors are logged below error level, one line each, without a stack', async () => {
    logLines.length = 0;
    const deviceQuery = `query($id: String!) { device(iotId: $id) { iotId } }`;
    await h.gql(deviceQuery, { id: device }, bob); // FORBIDDEN (vendor 2065)
    await h.gql(deviceQuery, { id: device }, { token: 'garbage-token' }); // UNAUTHENTICATED
    await h.gql(
      `query($id: String!) { device(iotId: $id) { cloudStorageOrders(first: 1, after: "zzz") { totalCount } } }`,
      { id: device },
    ); // bad cursor
    await h.gql(`{ node(id: "garbage") { id } }`); // BAD_USER_INPUT
    await h.gql(`{ streamingPlans { commodityCode } }`, {}, 'anonymous'); // 401
    await h.gql(
      `mutation($input: PurchaseStreamingPlanInput!) { purchaseStreamingPlan(input: $input) { __typename } }`,
      { input: { iotId: device, commodityCode: 'streamingResource_20_10', copies: 0 } },
      alice,
    ); // ValidationError
    await h.gql(
      `mutation($input: PurchaseStreamingPlanInput!) { purchaseStreamingPlan(input: $input) { __typename } }`,
      { input: { iotId: device, commodityCode: 'streamingResource_20_10', copies: 1 } },
      bob,
    ); // ForbiddenError (2065)
    const lines = parsed();
    expect(lines.filter((l) => l.level >= 40)).toEqual([]);
    expect(logLines.join('\n')).not.toMatch(/"stack"/);
    // One line per request whose answer has an error, in order; the 401 is refused before
    // execution and typed results are data: their request lines say so.
    const codes = lines.filter((l) => l.msg === 'client error').map((l) => l.code);
    expect(codes).toEqual(['FORBIDDEN', 'UNAUTHENTICATED', 'BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect(lines.filter((l) => l.msg === 'graphql request').map((l) => l.outcome)).toEqual([
      'FORBIDDEN',
      'UNAUTHENTICATED',
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
      'HTTP_401',
      'ok',
      'ok',
    ]);
    expect(lines.filter((l) => l.msg === 'client error').every((l) => l.level === 30)).toBe(true);
  });

  it('a vendor failure is still logged at error level', async () => {
    logLines.length = 0;
    await h.setFaults([{ failWith: { code: 'ServiceUnavailable' } }]);
    try {
      const res = await h.gql(
        `query($id: String!) { device(iotId: $id) { cloudStorage { orderCount } } }`,
        {
          id: device,
        },
      );
      expect(res.body.errors?.[0]?.extensions?.code).toBe('VENDOR_UNAVAILABLE');
    } finally {
      await h.setFaults([]);
    }
    expect(parsed().some((l) => l.level === 50)).toBe(true);
  });
});

describe('no admin keys', () => {
  it('logs once that admin access is off, and refuses an admin key', async () => {
    const lines: string[] = [];
    const noAdmin = await startHarness({ env: { GATEWAY_ADMIN_KEYS: '' }, logLines: lines });
    try {
      const warnings = lines.filter((l) => l.includes('admin access (X-Api-Key) is off'));
      expect(warnings).toHaveLength(1);
      expect(JSON.parse(warnings[0]!).level).toBe(40);
      expect((await noAdmin.gql(`{ streamingPlans { commodityCode } }`)).status).toBe(401);
      expect(lines.filter((l) => l.includes('admin access'))).toHaveLength(1);
    } finally {
      await noAdmin.close();
    }
  });
});
