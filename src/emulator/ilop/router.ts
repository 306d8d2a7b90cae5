import { IlopFailure, localizedMessage, type Language } from '../ilop-codes.js';
import type { Store } from '../state.js';
import { BINDING_APIS } from './bindings.js';
import { DEFAULT_ILOP_GUESSES, type IlopApi, type IlopGuesses } from './call.js';
import { CLOUD_STORAGE_COMMERCE_APIS } from './cloud-storage-commerce.js';
import { CLOUD_STORAGE_ORDER_APIS } from './cloud-storage-orders.js';
import { FREE_CLOUD_STORAGE_APIS } from './free-cloud-storage.js';
import { STREAMING_APIS } from './streaming.js';

// The Living IoT "vision" APIs behind the API gateway (docs/vendors.md#living-iot): one handler
// per path, each in the file of its call family.

export interface IlopEnvelope {
  id: unknown;
  code: number;
  message: string | null;
  localizedMsg: string | null;
  data: unknown;
}

/** Every path the emulator serves: each family's table. */
export const ILOP_APIS: Readonly<Record<string, IlopApi>> = {
  ...BINDING_APIS,
  ...CLOUD_STORAGE_ORDER_APIS,
  ...CLOUD_STORAGE_COMMERCE_APIS,
  ...FREE_CLOUD_STORAGE_APIS,
  ...STREAMING_APIS,
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function failureEnvelope(
  id: unknown,
  failure: IlopFailure,
  language: Language,
): IlopEnvelope {
  return {
    id,
    code: failure.code,
    message: failure.message,
    localizedMsg: localizedMessage(failure, language),
    data: null,
  };
}

/** Parses the request envelope; the id and language are needed even to answer a failure. */
export function readEnvelope(body: Buffer): {
  id: unknown;
  language: Language;
  envelope: Record<string, unknown> | undefined;
} {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return { id: null, language: 'zh-CN', envelope: undefined };
  }
  if (!isObject(parsed)) return { id: null, language: 'zh-CN', envelope: undefined };
  const request = isObject(parsed.request) ? parsed.request : {};
  return {
    id: parsed.id ?? null,
    language: request.language === 'en-US' ? 'en-US' : 'zh-CN',
    envelope: parsed,
  };
}

/** Runs one Living IoT call that has passed the gateway: the envelope answer (always HTTP 200). */
export function handleIlop(
  path: string,
  body: Buffer,
  store: Store,
  now: number,
  guesses: IlopGuesses = DEFAULT_ILOP_GUESSES,
): IlopEnvelope {
  const { id, language, envelope } = readEnvelope(body);
  try {
    if (!envelope) {
      throw new IlopFailure(400, {
        en: 'the body must be a JSON object',
        zh: '请求体必须是JSON对象',
      });
    }
    const api = ILOP_APIS[path];
    if (!api) throw new IlopFailure(404);
    const request = isObject(envelope.request) ? envelope.request : {};
    if (request.apiVer !== (guesses.apiVersions[path] ?? api.apiVer)) throw new IlopFailure(20003);
    const token = request.iotToken;
    if (token !== undefined && typeof token !== 'string') throw new IlopFailure(2062);
    const params = envelope.params === undefined || envelope.params === null ? {} : envelope.params;
    if (!isObject(params)) {
      throw new IlopFailure(400, {
        en: 'params must be a JSON object',
        zh: 'params必须是JSON对象',
      });
    }
    const outcome = api.handle({ store, now, params, iotToken: token, guesses });
    return {
      id,
      code: 200,
      message: outcome.quiet ? null : 'success',
      localizedMsg: outcome.quiet ? null : 'success',
      data: outcome.data,
    };
  } catch (error) {
    if (error instanceof IlopFailure) return failureEnvelope(id, error, language);
    throw error;
  }
}
