/**
 * Costly or malformed requests are refused before any vendor call, cleanly, and the gateway
 * answers the next normal query.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EXAMPLE } from '../../src/emulator/dataset.js';
import { ADMIN_KEY, startHarness, type Harness } from '../harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(h.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY, ...headers },
    body,
  });

async function expectRefusedWithoutVendorCalls(res: Response | Promise<Response>, status: number) {
  const r = await res;
  expect(r.status).toBe(status);
  const body = await r.json();
  expect(body.errors?.length).toBeGreaterThan(0);
  expect((await h.calls()).total).toBe(0);
  // The gateway still answers a normal query.
  const ok = await h.gql(
    `query($id: String!) { device(iotId: $id) { cloudStorage { orderCount } } }`,
    { id: DEMO_EXAMPLE.iotId },
  );
  expect(ok.body.errors).toBeUndefined();
  return body;
}

describe('limits before execution', () => {
  it('refuses the 100-device × 100-order × billingOrder fan-out with its estimate', async () => {
    await h.resetCalls();
    const ids = Array.from({ length: 100 }, (_, i) => `device-${i}`);
    const query = `query($ids: [String!]!) { devices(iotIds: $ids) { cloudStorage { orderCount } cloudStorageOrders(first: 100) { edges { node { orderId billingOrder { orderId pretaxAmount { amount } } } } } } }`;
    const body = await expectRefusedWithoutVendorCalls(
      post(JSON.stringify({ query, variables: { ids } })),
      200,
    );
    expect(body.errors[0]).toMatchObject({
      message: expect.stringContaining('Operation too costly'),
      extensions: { code: 'QUERY_TOO_COSTLY', limit: 2000 },
    });
  });

  it('refuses 50 aliases', async () => {
    await h.resetCalls();
    const fields = Array.from(
      { length: 50 },
      (_, i) => `a${i}: streamingPlans { commodityCode }`,
    ).join(' ');
    // Validation errors: 200 for application/json clients (GraphQL over HTTP), errors in the body.
    const body = await expectRefusedWithoutVendorCalls(
      post(JSON.stringify({ query: `{ ${fields} }` })),
      200,
    );
    expect(body.errors[0].message).toMatch(/alias/i);
  });

  it('refuses over-deep nesting', async () => {
    await h.resetCalls();
    let inner = 'iotId';
    for (let i = 0; i < 5; i++)
      inner = `cloudStorageOrders(first: 1) { edges { node { device { ${inner} } } } }`;
    const body = await expectRefusedWithoutVendorCalls(
      post(JSON.stringify({ query: `{ device(iotId: "x") { ${inner} } }` })),
      200,
    );
    expect(body.errors[0].message).toMatch(/depth/i);
  });

  it('refuses a 2 MB body with 413', async () => {
    await h.resetCalls();
    const query = `{ streamingPlans { commodityCode } }`.padEnd(2 * 1024 * 1024, ' ');
    await expectRefusedWithoutVendorCalls(post(JSON.stringify({ query })), 413);
  });

  it('refuses a body without a Content-Length (chunked) with 411, whatever its size', async () => {
    await h.resetCalls();
    const query = `{ streamingPlans { commodityCode } }`.padEnd(2 * 1024 * 1024, ' ');
    const bytes = new TextEncoder().encode(JSON.stringify({ query }));
    // A stream body has no length: fetch sends it chunked.
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 64 * 1024)
          controller.enqueue(bytes.subarray(i, i + 64 * 1024));
        controller.close();
      },
    });
    const r = await fetch(h.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY },
      body: chunked,
      duplex: 'half',
    } as RequestInit);
    await expectRefusedWithoutVendorCalls(r, 411);
  });

  it('refuses malformed JSON with 400', async () => {
    await h.resetCalls();
    await expectRefusedWithoutVendorCalls(
      post('{"query": "{ streamingPlans { commodityCode } }"'),
      400,
    );
  });

  it('refuses a wrong content type', async () => {
    await h.resetCalls();
    const r = await post('query=%7B%7D', { 'content-type': 'text/plain' });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect((await h.calls()).total).toBe(0);
  });

  it('refuses a batch larger than the limit', async () => {
    await h.resetCalls();
    const batch = Array.from({ length: 11 }, () => ({ query: '{ __typename }' }));
    const r = await post(JSON.stringify(batch));
    expect(r.status).toBe(413);
    expect((await h.calls()).total).toBe(0);
    const small = await post(JSON.stringify(batch.slice(0, 2)));
    expect(await small.json()).toMatchObject([
      { data: { __typename: 'Query' } },
      { data: { __typename: 'Query' } },
    ]);
  });

  it("lets GraphiQL's introspection through", async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const r = await post(
      JSON.stringify({
        query: getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }),
      }),
    );
    const body = await r.json();
    expect(body.errors).toBeUndefined();
    expect(body.data.__schema.queryType.name).toBe('Query');
  });
});

describe('production switches', () => {
  it('introspection and GraphiQL can be turned off, and CORS allows only listed origins', async () => {
    const locked = await startHarness({
      env: {
        GATEWAY_INTROSPECTION: 'false',
        GATEWAY_GRAPHIQL: 'false',
        CORS_ORIGINS: 'https://app.example.com',
      },
    });
    try {
      const intro = await locked.gql(`{ __schema { queryType { name } } }`);
      expect(intro.body.errors?.[0]?.message).toMatch(/introspection/i);
      const page = await fetch(locked.url, { headers: { accept: 'text/html' } });
      expect(await page.text()).not.toContain('graphiql');
      const preflight = (origin: string) =>
        fetch(locked.url, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'authorization',
          },
        });
      expect(
        (await preflight('https://app.example.com')).headers.get('access-control-allow-origin'),
      ).toBe('https://app.example.com');
      expect(
        (await preflight('https://evil.example.com')).headers.get('access-control-allow-origin'),
      ).not.toBe('https://evil.example.com');
    } finally {
      await locked.close();
    }
  });
});

describe('bad variables', () => {
  it('a variable a scalar refuses is a clear error, not a masked one', async () => {
    const res = await h.gql(
      `query($f: BillingOrderFilter) { billingOrders(first: 1, filter: $f) { totalCount } }`,
      {
        f: { createdAfter: 'yesterday' },
      },
    );
    expect(res.body.errors?.[0]?.message).toMatch(/invalid value "yesterday".*DateTime/);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors).toHaveLength(1);
  });
});
