import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BSS_ERRORS, BssFailure, bssCodeForStatus } from './bss-errors.js';
import { verifyBssSignature, requestParams } from './bss-signing.js';
import { handleBss } from './bss.js';
import { CallCounter, type CallCounts } from './calls.js';
import type { Clock } from './clock.js';
import { CONTROL_PREFIX, handleControl } from './control.js';
import { demoDataset } from './dataset.js';
import type { Dataset, DatasetInput } from './dataset-schema.js';
import { validateDataset } from './dataset-validation.js';
import {
  DEMO_ACCESS_KEY_ID,
  DEMO_ACCESS_KEY_SECRET,
  DEMO_APP_KEY,
  DEMO_APP_SECRET,
} from './demo-credentials.js';
import { Faults, type FailWith } from './faults.js';
import { header } from './headers.js';
import { BodyTooLarge, headerSafe, readBody, sendJson } from './http-io.js';
import { IlopFailure } from './ilop-codes.js';
import { DEFAULT_BSS_QPS, validateLimits, VendorLimits } from './limits.js';
import { DEFAULT_ILOP_GUESSES, type IlopGuesses } from './ilop/call.js';
import { failureEnvelope, handleIlop, readEnvelope } from './ilop/router.js';
import { verifyIlopSignature } from './ilop-signing.js';
import { NonceRegistry } from './nonces.js';
import { Store } from './state.js';

export interface EmulatorApp {
  appKey: string;
  appSecret: string;
}

export interface EmulatorAccessKey {
  accessKeyId: string;
  accessKeySecret: string;
}

export interface EmulatorOptions {
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Living IoT AppKeys accepted; default the built-in demo app. */
  apps?: EmulatorApp[];
  /** BSS AccessKeys accepted; default the built-in demo key. */
  accessKeys?: EmulatorAccessKey[];
  /** The emulator's clock (epoch ms): signature windows, "now" for purchases and QueryOrders. */
  now?: Clock;
  /** Latency injected into every vendor response (after the operation, before the answer). */
  latencyMs?: number;
  /** The starting dataset (validated); default the seeded demo dataset. */
  dataset?: DatasetInput;
  /** BSS flow control: calls per second per AccessKeyId per API (default 10, as BSS; 0 = off). */
  bssQps?: number;
  /** Decides `failureRate` faults, a value in [0, 1) per call (default Math.random; tests seed it). */
  random?: () => number;
  /** Living IoT facts no document publishes (README "Guesses"): apiVer per path, the binding list's page cap. */
  ilopGuesses?: Partial<IlopGuesses>;
}

export interface Emulator {
  url: string;
  port: number;
  close(): Promise<void>;
  /** A copy of the current dataset. */
  state(): Dataset;
  calls(): CallCounts;
  /** What the emulator accepts (for banners). */
  credentials: { apps: EmulatorApp[]; accessKeys: EmulatorAccessKey[] };
}

const ILOP_THROTTLE_STATUS = 429; // docs/vendors.md#living-iot: 403 on older instances, 429 on newer ones
const ILOP_THROTTLE_MESSAGE = 'Throttled by APP Flow Control';
const MALFORMED_BODY = '{"code":200,"data":{"orderList":[{"orderId":'; // truncated: not JSON

const GATEWAY_MESSAGES: Record<number, string> = {
  403: ILOP_THROTTLE_MESSAGE,
  429: ILOP_THROTTLE_MESSAGE,
  500: 'Internal Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Backend Service Timeout',
};

export async function createEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const now: Clock = options.now ?? Date.now;
  const apps = options.apps ?? [{ appKey: DEMO_APP_KEY, appSecret: DEMO_APP_SECRET }];
  const accessKeys = options.accessKeys ?? [
    { accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET },
  ];
  let initial: Dataset;
  if (options.dataset) {
    const verdict = validateDataset(options.dataset);
    if (!verdict.ok) {
      throw new Error(
        `invalid emulator dataset:\n${verdict.errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}`,
      );
    }
    initial = verdict.dataset; // with the defaults of collections a document may leave out
  } else {
    initial = demoDataset();
  }
  const appSecrets = new Map(apps.map((a) => [a.appKey, a.appSecret]));
  const akSecrets = new Map(accessKeys.map((k) => [k.accessKeyId, k.accessKeySecret]));
  const store = new Store(initial);
  const calls = new CallCounter();
  const faults = new Faults(now, options.random);
  const limitSettings = validateLimits({ bssQps: options.bssQps ?? DEFAULT_BSS_QPS });
  if (!limitSettings.ok) {
    throw new Error(`invalid emulator option bssQps: ${limitSettings.errors[0]?.message ?? ''}`);
  }
  const limits = new VendorLimits(limitSettings.limits);
  const nonces = new NonceRegistry(now);
  const defaultLatency = options.latencyMs ?? 0;
  const ilopGuesses: IlopGuesses = { ...DEFAULT_ILOP_GUESSES, ...options.ilopGuesses };
  const wakers = new Set<() => void>();

  const sleep = (ms: number): Promise<void> => {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      wakers.add(wake);
    });
  };

  /** Latency goes after the operation and before the answer: a client that timed out still bought. */
  const answer = async (api: string, res: ServerResponse, respond: () => void) => {
    await sleep(faults.latencyFor(api, defaultLatency));
    if (!res.destroyed && !res.writableEnded) respond();
  };

  const ilopReject = (res: ServerResponse, status: number, message: string, requestId: string) => {
    if (res.destroyed || res.writableEnded) return;
    // docs/vendors.md#gateway-rejections: gateway rejections carry the reason in headers; the body is not the envelope.
    res.writeHead(status, {
      'x-ca-error-message': headerSafe(message),
      'x-ca-request-id': requestId,
      'content-length': '0',
    });
    res.end();
  };

  const bssReject = (
    req: IncomingMessage,
    res: ServerResponse,
    failure: { status: number; code: string; message: string },
    requestId: string,
    extraHeaders: Record<string, string> = {},
  ) =>
    sendJson(
      res,
      failure.status,
      {
        RequestId: requestId,
        HostId: header(req.headers, 'host') ?? 'business.aliyuncs.com',
        Code: failure.code,
        Message: failure.message,
        Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(failure.code)}&product=BssOpenApi`,
      },
      { 'x-acs-request-id': requestId, ...extraHeaders },
    );

  const malformed = (res: ServerResponse) => {
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(MALFORMED_BODY);
  };

  async function ilop(
    req: IncomingMessage,
    res: ServerResponse,
    target: string,
    path: string,
    body: Buffer,
  ) {
    const api = path;
    const requestId = randomUUID().toUpperCase();
    const verdict = verifyIlopSignature(
      { method: req.method ?? 'POST', target, headers: req.headers, body },
      { secrets: appSecrets, now: now(), nonces },
    );
    if (!verdict.ok) {
      return answer(api, res, () => ilopReject(res, verdict.status, verdict.message, requestId));
    }
    if (faults.throttle(api) !== undefined) {
      return answer(api, res, () =>
        ilopReject(res, ILOP_THROTTLE_STATUS, ILOP_THROTTLE_MESSAGE, requestId),
      );
    }
    const fault = faults.failure(api);
    if (fault) return answer(api, res, () => ilopFault(req, res, fault, body, requestId));
    store.settlePayments(now());
    const envelope =
      req.method === 'POST'
        ? handleIlop(path, body, store, now(), ilopGuesses)
        : failureEnvelope(readEnvelope(body).id, new IlopFailure(404), readEnvelope(body).language);
    return answer(api, res, () => sendJson(res, 200, envelope, { 'x-ca-request-id': requestId }));
  }

  function ilopFault(
    req: IncomingMessage,
    res: ServerResponse,
    fault: FailWith,
    body: Buffer,
    requestId: string,
  ) {
    if ('drop' in fault) return req.socket.destroy();
    if ('malformed' in fault) return malformed(res);
    if ('httpStatus' in fault) {
      return ilopReject(
        res,
        fault.httpStatus,
        GATEWAY_MESSAGES[fault.httpStatus] ?? 'Injected Fault',
        requestId,
      );
    }
    const { id, language } = readEnvelope(body);
    const code = typeof fault.code === 'number' ? fault.code : ilopCodeFor(fault.code);
    sendJson(res, 200, failureEnvelope(id, new IlopFailure(code), language), {
      'x-ca-request-id': requestId,
    });
  }

  async function bss(req: IncomingMessage, res: ServerResponse, target: string, body: Buffer) {
    const q = target.indexOf('?');
    const signed = {
      method: req.method ?? 'GET',
      path: '/',
      rawQuery: q === -1 ? '' : target.slice(q + 1),
      headers: req.headers,
      body,
    };
    const params = new Map(requestParams(signed));
    const api = params.get('Action') || header(req.headers, 'x-acs-action') || '/';
    calls.record(api);
    const requestId = randomUUID().toUpperCase();
    const verdict = verifyBssSignature(signed, { secrets: akSecrets, now: now(), nonces });
    if (!verdict.ok) return answer(api, res, () => bssReject(req, res, verdict, requestId));
    const waitMs = faults.throttle(api, limits.bssWindows(verdict.accessKeyId, api));
    if (waitMs !== undefined) {
      const throttled = {
        status: 400,
        code: 'Throttling.User',
        message: BSS_ERRORS['Throttling.User']?.message ?? '',
      };
      return answer(api, res, () =>
        bssReject(req, res, throttled, requestId, { 'x-acs-retry-after': String(waitMs) }),
      );
    }
    const fault = faults.failure(api);
    if (fault) return answer(api, res, () => bssFault(req, res, fault, requestId));
    const version =
      verdict.style === 'ACS3'
        ? header(req.headers, 'x-acs-version')
        : verdict.params.get('Version');
    let outcome: () => void;
    store.settlePayments(now());
    try {
      const result = handleBss(verdict.action, version, verdict.params, store, now(), requestId);
      outcome = () => sendJson(res, 200, result, { 'x-acs-request-id': requestId });
    } catch (error) {
      if (!(error instanceof BssFailure)) throw error;
      outcome = () =>
        bssReject(
          req,
          res,
          { status: error.status, code: error.code, message: error.message },
          requestId,
        );
    }
    return answer(api, res, outcome);
  }

  function bssFault(req: IncomingMessage, res: ServerResponse, fault: FailWith, requestId: string) {
    if ('drop' in fault) return req.socket.destroy();
    if ('malformed' in fault) return malformed(res);
    const code =
      'httpStatus' in fault ? bssCodeForStatus(fault.httpStatus) : bssCodeFor(fault.code);
    const known = BSS_ERRORS[code];
    const status = 'httpStatus' in fault ? fault.httpStatus : (known?.status ?? 400);
    const retry: Record<string, string> =
      code === 'Throttling.User' ? { 'x-acs-retry-after': '1000' } : {};
    bssReject(req, res, { status, code, message: known?.message ?? code }, requestId, retry);
  }

  const server = createServer((req, res) => {
    void route(req, res).catch((error: unknown) => {
      if (error instanceof BodyTooLarge) return sendJson(res, 413, { error: error.message });
      sendJson(res, 500, { error: 'emulator failure', message: (error as Error).message });
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse) {
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const path = q === -1 ? target : target.slice(0, q);
    if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) {
      const body = await readBody(req);
      return handleControl(req.method ?? 'GET', path, body, res, {
        store,
        calls,
        faults,
        limits,
      });
    }
    if (path === '/') return bss(req, res, target, await readBody(req));
    calls.record(path);
    return ilop(req, res, target, path, await readBody(req));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    state: () => {
      store.settlePayments(now());
      return store.snapshot();
    },
    calls: () => calls.snapshot(),
    credentials: {
      apps: apps.map((a) => ({ ...a })),
      accessKeys: accessKeys.map((k) => ({ ...k })),
    },
    close: async () => {
      for (const wake of [...wakers]) wake();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/** failWith {code} given as a BSS Code on a Living IoT API: the closest business code. */
function ilopCodeFor(code: string): number {
  if (code.startsWith('Throttling')) return 429;
  if (code === 'ServiceUnavailable') return 503;
  return 500;
}

/** failWith {code} given as a Living IoT number on a BSS API: the closest BSS Code. */
function bssCodeFor(code: number | string): string {
  if (typeof code === 'string') return code;
  if (code === 429) return 'Throttling.User';
  if (code === 503 || code === 20056) return 'ServiceUnavailable';
  return 'InternalError';
}
