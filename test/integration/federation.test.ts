/**
 * subgate as an Apollo Federation v2 subgraph (GATEWAY_FEDERATION=true): its SDL composes with a
 * second subgraph that extends Device; Hive Gateway, in process, runs queries across both with
 * the caller's credentials reaching subgate; _entities costs and guards what the root fields do.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createGatewayRuntime, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DEVICES, generateDataset } from '../../src/emulator/dataset.js';
import { ADMIN_KEY, authHeaders, startHarness, type As, type Harness } from '../harness.js';

const alice = { token: 'demo-token-alice' };
const bob = { token: 'demo-token-bob' };
const alicesDevice = DEMO_DEVICES.aliceExample; // bob is not bound to it

/** A second team's subgraph: notes on devices, keyed by subgate's Device key. */
const NOTES_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])

  type Device @key(fields: "iotId") {
    iotId: String!
    nickname: String!
  }

  type Query {
    pinnedDevices: [Device!]!
  }
`;
const nickname = (iotId: string) => `camera ${iotId.slice(0, 4)}`;

async function listen(handler: Parameters<typeof createServer>[1]): Promise<[Server, string]> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return [server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`];
}

async function sdlOf(url: string): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  });
  return ((await res.json()) as any).data._service.sdl;
}

let h: Harness;
let notes: Server;
let notesUrl: string;
let supergraph: string;
let hive: GatewayRuntime;
let hiveServer: Server;
let hiveUrl: string;

beforeAll(async () => {
  h = await startHarness({ env: { GATEWAY_FEDERATION: 'true' } });
  const notesSchema = buildSubgraphSchema({
    typeDefs: parse(NOTES_SDL),
    resolvers: {
      Device: {
        __resolveReference: ({ iotId }: { iotId: string }) => ({
          iotId,
          nickname: nickname(iotId),
        }),
      },
      Query: { pinnedDevices: () => [{ iotId: alicesDevice, nickname: nickname(alicesDevice) }] },
    } as any,
  });
  [notes, notesUrl] = await listen(createYoga({ schema: notesSchema, logging: false }));
  const composed = composeServices([
    { name: 'subgate', typeDefs: parse(await sdlOf(h.url)), url: h.url },
    { name: 'notes', typeDefs: parse(NOTES_SDL), url: notesUrl },
  ]);
  expect(composed.errors ?? []).toEqual([]);
  supergraph = composed.supergraphSdl!;
  hive = createGatewayRuntime({
    supergraph,
    logging: false,
    // Each caller's own credential goes to subgate, which decides what that caller may see.
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({
        authorization: request.headers.get('authorization'),
        'x-api-key': request.headers.get('x-api-key'),
      }),
    },
  });
  [hiveServer, hiveUrl] = await listen(hive);
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => hiveServer?.close(resolve));
  await hive?.dispose();
  await new Promise((resolve) => notes?.close(resolve));
  await h?.close();
});

async function viaHive(query: string, variables: Record<string, unknown>, as: As) {
  const res = await fetch(hiveUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authHeaders(as) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as any;
}

describe('the subgraph schema', () => {
  it('serves _service { sdl } with the entity keys, and composes with a subgraph extending Device', async () => {
    const sdl = await sdlOf(h.url);
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2');
    expect(sdl).toMatch(/type Device[^{]*@key\(fields: "iotId"\)/);
    expect(sdl).toMatch(/type CloudStorageOrder[^{]*@key\(fields: "iotId orderId"\)/);
    expect(sdl).toMatch(/type StreamingOrder[^{]*@key\(fields: "iotId orderId"\)/);
    expect(sdl).toMatch(/type BillingOrder[^{]*@key\(fields: "orderId"\)/);
    expect(supergraph).toMatch(/nickname: String! @join__field\(graph: NOTES\)/);
  });

  it('standalone (the default) has no _service', async () => {
    const standalone = await startHarness();
    try {
      const res = await standalone.gql('{ _service { sdl } }');
      expect(res.body.errors?.[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    } finally {
      await standalone.close();
    }
  });
});

describe('through Hive Gateway', () => {
  it('one query crosses both subgraphs, with the caller’s token reaching subgate', async () => {
    const query = `query($iotId: String!) { device(iotId: $iotId) { iotId nickname cloudStorage { orderCount } } }`;
    const res = await viaHive(query, { iotId: alicesDevice }, alice);
    expect(res.errors).toBeUndefined();
    expect(res.data.device).toMatchObject({
      iotId: alicesDevice,
      nickname: nickname(alicesDevice),
    });
    expect(res.data.device.cloudStorage.orderCount).toBeGreaterThan(0);
  });

  it('from the other side: notes’ devices resolve their subgate fields as the caller', async () => {
    const query = `{ pinnedDevices { nickname cloudStorageOrders(first: 1) { totalCount } } }`;
    const asAlice = await viaHive(query, {}, alice);
    expect(asAlice.errors).toBeUndefined();
    expect(asAlice.data.pinnedDevices[0].cloudStorageOrders.totalCount).toBeGreaterThan(0);
    // Bob is not bound to alice's device: subgate refuses him, through the gateway too.
    const asBob = await viaHive(query, {}, bob);
    expect(asBob.data?.pinnedDevices?.[0]?.cloudStorageOrders ?? null).toBeNull();
    expect(asBob.errors?.map((e: any) => e.extensions?.code)).toContain('FORBIDDEN');
  });

  it('the admin key reaches subgate too (billing is admin only)', async () => {
    const query = `query($iotId: String!) { device(iotId: $iotId) { nickname cloudStorageOrders(first: 3) { edges { node { outOrderNo billingOrder { orderId } } } } } }`;
    const res = await viaHive(query, { iotId: alicesDevice }, 'admin');
    expect(res.errors).toBeUndefined();
    const nodes = res.data.device.cloudStorageOrders.edges.map((e: any) => e.node);
    expect(nodes.some((n: any) => n.billingOrder?.orderId === n.outOrderNo)).toBe(true);
  });
});

describe('_entities', () => {
  const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Device { iotId cloudStorageOrders(first: 10) { totalCount } } } }`;
  const DEVICES = `query($ids: [String!]!) { devices(iotIds: $ids) { iotId cloudStorageOrders(first: 10) { totalCount } } }`;

  it('50 Device representations cost the vendor calls of devices(iotIds: [50])', async () => {
    const dataset = generateDataset({
      seed: 5,
      now: Date.parse('2026-06-01T00:00:00Z'),
      devices: 50,
      ordersPerDevice: 3,
    });
    const iotIds = dataset.devices.map((d) => d.iotId);
    const big = await startHarness({ dataset, env: { GATEWAY_FEDERATION: 'true' } });
    try {
      const reps = iotIds.map((iotId) => ({ __typename: 'Device', iotId }));
      await big.resetCalls();
      const entities = await big.gql(ENTITIES, { r: reps });
      const entityCalls = await big.calls();
      await big.resetCalls();
      const devices = await big.gql(DEVICES, { ids: iotIds });
      expect(entities.body.errors).toBeUndefined();
      expect(entities.body.data._entities).toEqual(devices.body.data.devices);
      expect(entityCalls).toEqual(await big.calls());
      expect(entityCalls.total).toBe(50);
    } finally {
      await big.close();
    }
  });

  it('a user gets FORBIDDEN for a device not bound to them, as from device(iotId)', async () => {
    const reps = [{ __typename: 'Device', iotId: alicesDevice }];
    const viaEntities = await h.gql(ENTITIES, { r: reps }, bob);
    const viaDevices = await h.gql(DEVICES, { ids: [alicesDevice] }, bob);
    expect(viaEntities.body.data._entities).toEqual([null]);
    const { requestId: _a, ...entityError } = viaEntities.body.errors?.[0]?.extensions ?? {};
    const { requestId: _b, ...deviceError } = viaDevices.body.errors?.[0]?.extensions ?? {};
    expect(entityError).toEqual(deviceError);
    expect(viaEntities.body.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const mine = await h.gql(ENTITIES, { r: reps }, alice);
    expect(mine.body.errors).toBeUndefined();
    expect(mine.body.data._entities[0].iotId).toBe(alicesDevice);
  });

  it('orders and billing orders resolve by their keys; billing stays admin only', async () => {
    const list = await h.gql(
      `query($id: String!) { device(iotId: $id) { cloudStorageOrders(first: 1) { edges { node { orderId outOrderNo } } } } }`,
      { id: alicesDevice },
      'admin',
    );
    const order = list.body.data.device.cloudStorageOrders.edges[0].node;
    const reps = [
      { __typename: 'CloudStorageOrder', iotId: alicesDevice, orderId: order.orderId },
      { __typename: 'BillingOrder', orderId: order.outOrderNo },
    ];
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on CloudStorageOrder { orderId iotId } ... on BillingOrder { orderId } } }`;
    const asAdmin = await h.gql(query, { r: reps }, 'admin');
    expect(asAdmin.body.errors).toBeUndefined();
    expect(asAdmin.body.data._entities).toEqual([
      { __typename: 'CloudStorageOrder', orderId: order.orderId, iotId: alicesDevice },
      { __typename: 'BillingOrder', orderId: order.outOrderNo },
    ]);
    const asUser = await h.gql(query, { r: reps }, alice);
    expect(asUser.body.data._entities[0]).toMatchObject({ orderId: order.orderId });
    expect(asUser.body.errors?.map((e: any) => e.extensions.code)).toEqual(['FORBIDDEN']);
  });
});
