import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET } from '../../src/emulator/demo-credentials.js';
import { createEmulator, type Emulator } from '../../src/emulator/server.js';
import { captureProxy, resend } from './emulator-signer.js';

// The official BSS SDKs against the emulator: @alicloud/pop-core (classic HMAC-SHA1) and
// @alicloud/bssopenapi20171214 on @alicloud/openapi-core (ACS3-HMAC-SHA256).
const require = createRequire(import.meta.url);
const Pop = require('@alicloud/pop-core') as new (config: Record<string, string>) => {
  request(
    action: string,
    params: Record<string, unknown>,
    opts?: { method?: string },
  ): Promise<any>;
};
const Bss = require('@alicloud/bssopenapi20171214');
const { $OpenApiUtil } = require('@alicloud/openapi-core');

const WIDE = { CreateTimeStart: '2000-01-01T00:00:00Z', CreateTimeEnd: '2099-01-01T00:00:00Z' };

let emulator: Emulator;
let future: Emulator; // its clock runs 20 minutes ahead: every SDK request is stale there
let proxy: Awaited<ReturnType<typeof captureProxy>>;
beforeAll(async () => {
  emulator = await createEmulator();
  future = await createEmulator({ now: () => Date.now() + 20 * 60_000 });
  proxy = await captureProxy(emulator.url);
});
afterAll(async () => {
  await proxy.close();
  await emulator.close();
  await future.close();
});

const pop = (
  endpoint: string,
  accessKeySecret = DEMO_ACCESS_KEY_SECRET,
  accessKeyId = DEMO_ACCESS_KEY_ID,
) => new Pop({ accessKeyId, accessKeySecret, endpoint, apiVersion: '2017-12-14' });

const acs3 = (
  port: number,
  accessKeySecret = DEMO_ACCESS_KEY_SECRET,
  accessKeyId = DEMO_ACCESS_KEY_ID,
) =>
  new Bss.default(
    new $OpenApiUtil.Config({
      accessKeyId,
      accessKeySecret,
      endpoint: `127.0.0.1:${port}`,
      protocol: 'http',
    }),
  );

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return String((error as { code: string }).code);
  }
  throw new Error('expected a rejection');
}

describe('@alicloud/pop-core (classic RPC)', () => {
  it('GET and POST (form body) are accepted', async () => {
    const get = await pop(emulator.url).request('QueryOrders', { ...WIDE, PageSize: 3 });
    expect(get).toMatchObject({ Success: true, Code: 'Success', Data: { PageSize: 3 } });
    const post = await pop(emulator.url).request(
      'GetOrderDetail',
      { OrderId: get.Data.OrderList.Order[0].OrderId },
      { method: 'POST' },
    );
    expect(post.Data.TotalCount).toBeGreaterThan(0);
  });

  it('wrong secret, unknown key, replayed nonce and stale timestamp are refused', async () => {
    expect(await code(pop(emulator.url, 'wrong').request('QueryOrders', {}))).toBe(
      'SignatureDoesNotMatch',
    );
    expect(
      await code(
        pop(emulator.url, DEMO_ACCESS_KEY_SECRET, 'LTAIunknown').request('QueryOrders', {}),
      ),
    ).toBe('InvalidAccessKeyId.NotFound');
    const nonce = { SignatureNonce: `pop-${Date.now()}` };
    await pop(emulator.url).request('QueryOrders', nonce);
    expect(await code(pop(emulator.url).request('QueryOrders', nonce))).toBe('SignatureNonceUsed');
    expect(await code(pop(future.url).request('QueryOrders', {}))).toBe('InvalidTimeStamp.Expired');
  });

  it('a tampered form body is refused', async () => {
    await pop(proxy.url).request('QueryOrders', { PageSize: 5 }, { method: 'POST' });
    const sent = proxy.captured.at(-1)!;
    const replay = await resend(emulator.url, sent);
    expect(replay.json().Code).toBe('SignatureNonceUsed');
    const tampered = sent.body
      .toString()
      .replace('PageSize=5', 'PageSize=6')
      .replace(/SignatureNonce=[^&]+/, `SignatureNonce=t${Date.now()}`);
    const res = await resend(emulator.url, sent, { body: Buffer.from(tampered) });
    expect([res.status, res.json().Code]).toEqual([400, 'SignatureDoesNotMatch']);
  });
});

describe('@alicloud/bssopenapi20171214 (ACS3-HMAC-SHA256)', () => {
  it('QueryOrders and GetOrderDetail are accepted', async () => {
    const res = await acs3(emulator.port).queryOrders(
      new Bss.QueryOrdersRequest({
        createTimeStart: WIDE.CreateTimeStart,
        createTimeEnd: WIDE.CreateTimeEnd,
        pageNum: 1,
        pageSize: 4,
        productCode: 'linkvisual',
      }),
    );
    expect(res.statusCode).toBe(200);
    expect(res.body.success).toBe(true);
    const orders = res.body.data.orderList.order;
    expect(orders).toHaveLength(4);
    const detail = await acs3(emulator.port).getOrderDetail(
      new Bss.GetOrderDetailRequest({ orderId: orders[0].orderId }),
    );
    expect(detail.body.data.orderList.order[0].subOrderId).toBeTruthy();
  });

  it('wrong secret, unknown key and stale date are refused', async () => {
    expect(
      await code(acs3(emulator.port, 'wrong').queryOrders(new Bss.QueryOrdersRequest({}))),
    ).toBe('SignatureDoesNotMatch');
    expect(
      await code(
        acs3(emulator.port, DEMO_ACCESS_KEY_SECRET, 'LTAIunknown').queryOrders(
          new Bss.QueryOrdersRequest({}),
        ),
      ),
    ).toBe('InvalidAccessKeyId.NotFound');
    expect(await code(acs3(future.port).queryOrders(new Bss.QueryOrdersRequest({})))).toBe(
      'InvalidTimeStamp.Expired',
    );
  });

  it('a replayed, a tampered and a mis-hashed request are refused', async () => {
    await acs3(proxy.port).queryOrders(new Bss.QueryOrdersRequest({ pageSize: 5 }));
    const sent = proxy.captured.at(-1)!;
    expect((await resend(emulator.url, sent)).json().Code).toBe('SignatureNonceUsed');
    const fresh = { ...sent.headers, 'x-acs-signature-nonce': `n-${Date.now()}` };
    expect(
      (
        await resend(emulator.url, sent, {
          headers: fresh,
          url: sent.url.replace('PageSize=5', 'PageSize=6'),
        })
      ).json().Code,
    ).toBe('SignatureDoesNotMatch');
    const misHashed = { ...sent.headers, 'x-acs-signature-nonce': `m-${Date.now()}` };
    const res = await resend(emulator.url, sent, { headers: misHashed, body: Buffer.from('x=1') });
    expect([res.status, res.json().Code]).toEqual([400, 'SignatureDoesNotMatch']);
  });
});
