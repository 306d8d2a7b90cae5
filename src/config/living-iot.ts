/** Living IoT's API gateway: where it is, the app's signing credentials, the pool. */
import { demoValue, group, httpUrl, int, oneOf, text, type ValuesOf, v } from './parse.js';

export const DEMO_ILOP_APP_KEY = '24681357';
export const DEMO_ILOP_APP_SECRET = 'subgate-demo-app-secret';

export type IlopStage = 'RELEASE' | 'TEST' | 'PRE';

export interface IlopConfig {
  /** Base URL: the real gateway, a separately run emulator, or the embedded one (demo mode). */
  endpoint: string;
  appKey: string;
  appSecret: string;
  stage: IlopStage;
  /** apiVer of the two unpublished streaming list/detail APIs (docs/vendors.md#endpoints). */
  streamingOrderQueryApiVer: string;
  streamingOrderGetApiVer: string;
  /** apiVer of streaming order enable (a guess: only shipped clients show the call). */
  streamingOrderEnableApiVer: string;
  /** apiVer of the free plan's claim (documented 1.0.3; one wrapper sends 1.0.4). */
  freeCloudStorageConsumeApiVer: string;
  /** apiVer of the binding list, seen in shipped apps, not published (docs/vendors.md#bound-devices). */
  bindingListApiVer: string;
  /** Rows per binding-list page subgate asks for (the vendor publishes no maximum). */
  bindingPageSize: number;
  /** Connection cap of the undici Pool for this origin. */
  connections: number;
  /** Per-call timeout: the APIs' documented 3 s server timeout plus a margin. */
  timeoutMs: number;
  /** The same for the APIs with a 10 s server timeout (cloud-storage buy, streaming pay). */
  longTimeoutMs: number;
}

export const ILOP_VARIABLES = group('Living IoT', {
  ILOP_ENDPOINT: v({
    description: 'API gateway base URL (http allowed, for emulators). Set with `BSS_ENDPOINT`.',
    parse: httpUrl(),
    default: { doc: 'unset: demo mode', of: () => null },
  }),
  ILOP_APP_KEY: v({
    description: 'AppKey for signing.',
    parse: text(),
    default: demoValue(DEMO_ILOP_APP_KEY),
  }),
  ILOP_APP_SECRET: v({
    description: 'AppSecret for signing.',
    parse: text(),
    default: demoValue(DEMO_ILOP_APP_SECRET),
    secret: true,
  }),
  ILOP_STAGE: v({
    description: '`x-ca-stage` header.',
    parse: oneOf(['RELEASE', 'TEST', 'PRE']),
    default: 'RELEASE' as IlopStage,
  }),
  ILOP_STREAMING_ORDER_QUERY_API_VER: v({
    description: 'apiVer of the unpublished streaming order list API.',
    parse: text(),
    default: '1.0.0',
  }),
  ILOP_STREAMING_ORDER_GET_API_VER: v({
    description: 'apiVer of the unpublished streaming order detail API.',
    parse: text(),
    default: '1.0.0',
  }),
  ILOP_STREAMING_ORDER_ENABLE_API_VER: v({
    description: 'apiVer of `streaming/order/enable` (not published; a guess).',
    parse: text(),
    default: '1.0.0',
  }),
  ILOP_FREE_CLOUD_STORAGE_CONSUME_API_VER: v({
    description:
      'apiVer of `freecloudstorage/consume` (documented 1.0.3; one shipped wrapper sends 1.0.4).',
    parse: text(),
    default: '1.0.3',
  }),
  ILOP_BINDING_LIST_API_VER: v({
    description: 'apiVer of `/uc/listBindingByAccount` (seen in shipped apps, not published).',
    parse: text(),
    default: '1.0.8',
  }),
  ILOP_BINDING_PAGE_SIZE: v({
    description:
      'Rows per `/uc/listBindingByAccount` page (no published maximum; shipped apps send 10 to 100).',
    parse: int(1, 100),
    default: 50,
  }),
  ILOP_TIMEOUT_MS: v({
    description: 'Per-call timeout (the documented 3 s server timeout plus a margin).',
    parse: int(100, 60_000),
    default: 3500,
  }),
  ILOP_LONG_TIMEOUT_MS: v({
    description:
      'Per-call timeout of the APIs with a 10 s server timeout (cloud-storage buy, streaming pay); it outlasts `REQUEST_DEADLINE_MS`.',
    parse: int(100, 60_000),
    default: 10_500,
  }),
  // One "my devices" screen sends 150 reads at once (50 devices × 3); a cap below that queues
  // them into rounds of vendor latency (docs/operations.md#connections).
  ILOP_CONNECTIONS: v({
    description:
      "Keep-alive pool connection cap; at least one request's widest fan-out (150 reads).",
    parse: int(1, 1024),
    default: 256,
  }),
});

/** The section without its endpoint (demo mode knows it once the emulator listens). */
export const ilopSettings = (
  values: ValuesOf<typeof ILOP_VARIABLES>,
): Omit<IlopConfig, 'endpoint'> => ({
  appKey: values.ILOP_APP_KEY,
  appSecret: values.ILOP_APP_SECRET,
  stage: values.ILOP_STAGE,
  streamingOrderQueryApiVer: values.ILOP_STREAMING_ORDER_QUERY_API_VER,
  streamingOrderGetApiVer: values.ILOP_STREAMING_ORDER_GET_API_VER,
  streamingOrderEnableApiVer: values.ILOP_STREAMING_ORDER_ENABLE_API_VER,
  freeCloudStorageConsumeApiVer: values.ILOP_FREE_CLOUD_STORAGE_CONSUME_API_VER,
  bindingListApiVer: values.ILOP_BINDING_LIST_API_VER,
  bindingPageSize: values.ILOP_BINDING_PAGE_SIZE,
  connections: values.ILOP_CONNECTIONS,
  timeoutMs: values.ILOP_TIMEOUT_MS,
  longTimeoutMs: values.ILOP_LONG_TIMEOUT_MS,
});
