/**
 * Trusted documents: the codegen manifest's operations run by id, in both forms a client may
 * send; GATEWAY_TRUSTED_DOCUMENTS=only refuses users' ad-hoc documents with a coded error.
 */
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import manifest from '../../schema/generated/persisted-documents.json' with { type: 'json' };
import { DeviceDashboardDocument } from '../../schema/generated/graphql.js';
import { loadConfig } from '../../src/config.js';
import { DEMO_DEVICES } from '../../src/emulator/dataset.js';
import { authHeaders, startHarness, type As, type Harness } from '../harness.js';

const alice = { token: 'demo-token-alice' };
const iotIds = [DEMO_DEVICES.aliceExample];
// The hash codegen embedded in the typed document is the manifest's key.
const dashboardId = (DeviceDashboardDocument as unknown as { __meta__: { hash: string } }).__meta__
  .hash;
const AD_HOC = 'query { streamingPlans { commodityCode } }';

async function post(h: Harness, body: unknown, as: As) {
  const res = await fetch(h.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...authHeaders(as),
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe('the manifest', () => {
  it('holds every typed document under its sha256', () => {
    expect(dashboardId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((manifest as Record<string, string>)[dashboardId]).toMatch(/^query DeviceDashboard\(/);
  });
});

describe('GATEWAY_TRUSTED_DOCUMENTS=allow (default)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.close());

  it('runs a documentId with its variables, as the ad-hoc document would', async () => {
    const byId = await post(h, { documentId: dashboardId, variables: { iotIds } }, alice);
    const adHoc = await post(
      h,
      { query: print(DeviceDashboardDocument), variables: { iotIds } },
      alice,
    );
    expect(byId.status).toBe(200);
    expect(byId.body.errors).toBeUndefined();
    expect(byId.body.data.devices[0].iotId).toBe(iotIds[0]);
    expect(byId.body.data).toEqual(adHoc.body.data);
  });

  it("runs Apollo's extensions.persistedQuery.sha256Hash (the bare hex)", async () => {
    const sha256Hash = dashboardId.slice('sha256:'.length);
    const res = await post(
      h,
      { variables: { iotIds }, extensions: { persistedQuery: { version: 1, sha256Hash } } },
      alice,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.devices[0].iotId).toBe(iotIds[0]);
  });

  it('an unknown id is PERSISTED_DOCUMENT_NOT_FOUND, with no vendor call', async () => {
    await h.resetCalls();
    const res = await post(h, { documentId: `sha256:${'0'.repeat(64)}` }, alice);
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0].extensions).toEqual({ code: 'PERSISTED_DOCUMENT_NOT_FOUND' });
    expect((await h.calls()).total).toBe(0);
  });

  it('a body with neither query nor documentId is BAD_REQUEST', async () => {
    const res = await post(h, { variables: {} }, alice);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('a user may still send ad-hoc documents', async () => {
    const res = await post(h, { query: AD_HOC }, alice);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.streamingPlans.length).toBeGreaterThan(0);
  });
});

describe('GATEWAY_TRUSTED_DOCUMENTS=only', () => {
  let h: Harness;
  const logLines: string[] = [];
  beforeAll(async () => {
    h = await startHarness({ env: { GATEWAY_TRUSTED_DOCUMENTS: 'only' }, logLines });
  });
  afterAll(() => h?.close());

  it("refuses a user's ad-hoc document with TRUSTED_DOCUMENTS_ONLY, before any vendor call", async () => {
    await h.resetCalls();
    const res = await post(h, { query: AD_HOC }, alice);
    expect(res.status).toBe(403);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0].extensions).toEqual({ code: 'TRUSTED_DOCUMENTS_ONLY' });
    expect((await h.calls()).total).toBe(0);
    // A routine refusal: the request's own log line names it, at info, and nothing else does.
    const logged = logLines.filter((l) => l.includes('TRUSTED_DOCUMENTS_ONLY'));
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0]!)).toMatchObject({
      level: 30,
      status: 403,
      msg: 'graphql request',
    });
  });

  it("runs a user's documentId", async () => {
    const res = await post(h, { documentId: dashboardId, variables: { iotIds } }, alice);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.devices[0].iotId).toBe(iotIds[0]);
  });

  it('an admin key may still send ad-hoc documents', async () => {
    const res = await post(h, { query: AD_HOC }, 'admin');
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.streamingPlans.length).toBeGreaterThan(0);
  });

  it('an unknown id is PERSISTED_DOCUMENT_NOT_FOUND here too', async () => {
    const res = await post(h, { documentId: 'sha256:nope' }, 'admin');
    expect(res.body.errors[0].extensions.code).toBe('PERSISTED_DOCUMENT_NOT_FOUND');
  });
});

describe('start-up', () => {
  it('NODE_ENV=production with "allow" suggests "only" in the log; "only" does not', async () => {
    const logLines: string[] = [];
    const allow = await startHarness({ env: { NODE_ENV: 'production' }, logLines });
    await allow.close();
    expect(logLines.join('\n')).toMatch(/GATEWAY_TRUSTED_DOCUMENTS=allow.*consider \\"only\\"/);
    logLines.length = 0;
    const only = await startHarness({
      env: { NODE_ENV: 'production', GATEWAY_TRUSTED_DOCUMENTS: 'only' },
      logLines,
    });
    await only.close();
    expect(logLines.join('\n')).not.toMatch(/GATEWAY_TRUSTED_DOCUMENTS/);
  });

  it('an unknown mode is a configuration error naming the variable', () => {
    expect(loadConfig({}).trustedDocuments).toBe('allow');
    expect(() => loadConfig({ GATEWAY_TRUSTED_DOCUMENTS: 'strict' })).toThrow(
      /GATEWAY_TRUSTED_DOCUMENTS must be one of allow, only \(got "strict"\)/,
    );
  });
});
