import type { ServerResponse } from 'node:http';
import type { CallCounter } from './calls.js';
import { validateDataset } from './dataset-validation.js';
import type { Faults } from './faults.js';
import { validateFaultRules } from './faults.js';
import { sendJson } from './http-io.js';
import { validateLimits, type VendorLimits } from './limits.js';
import type { Store } from './state.js';
import type { ValidationIssue } from './validation-issue.js';

// The control API, under /__emulator/. JSON in and out; no signature needed.

export const CONTROL_PREFIX = '/__emulator';

export interface ControlDeps {
  store: Store;
  calls: CallCounter;
  faults: Faults;
  limits: VendorLimits;
}

const ENDPOINTS: Record<string, string[]> = {
  '/__emulator/state': ['GET', 'PUT'],
  '/__emulator/reset': ['POST'],
  '/__emulator/calls': ['GET', 'DELETE'],
  '/__emulator/faults': ['GET', 'PUT'],
  '/__emulator/limits': ['GET', 'PUT'],
};

function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) };
  } catch (error) {
    return { ok: false, message: `the body is not JSON: ${(error as Error).message}` };
  }
}

/**
 * A PUT of a JSON document: 400 with every reason when it is not JSON or not valid (nothing changes),
 * else `apply` takes the valid document and its result is the answer.
 */
function put<T extends { ok: true }>(
  res: ServerResponse,
  body: Buffer,
  validate: (document: unknown) => T | { ok: false; errors: ValidationIssue[] },
  apply: (valid: T) => unknown,
): void {
  const json = parseJson(body);
  if (!json.ok) return sendJson(res, 400, { errors: [{ path: '(root)', message: json.message }] });
  const verdict = validate(json.value);
  if (!verdict.ok) return sendJson(res, 400, { errors: verdict.errors });
  sendJson(res, 200, apply(verdict));
}

export function handleControl(
  method: string,
  path: string,
  body: Buffer,
  res: ServerResponse,
  deps: ControlDeps,
): void {
  const route = path.replace(/\/+$/, '');
  const allowed = ENDPOINTS[route];
  if (!allowed) {
    sendJson(res, 404, { error: `unknown control endpoint ${path}`, endpoints: ENDPOINTS });
    return;
  }
  if (!allowed.includes(method)) {
    sendJson(
      res,
      405,
      { error: `${method} is not allowed on ${route}` },
      { allow: allowed.join(', ') },
    );
    return;
  }
  const key = `${method} ${route}`;
  switch (key) {
    case 'GET /__emulator/state':
      return sendJson(res, 200, deps.store.snapshot());
    case 'PUT /__emulator/state':
      return put(res, body, validateDataset, ({ dataset }) => {
        deps.store.replace(dataset);
        return { ok: true, counts: counts(deps.store) };
      });
    case 'POST /__emulator/reset':
      deps.store.reset();
      return sendJson(res, 200, { ok: true, counts: counts(deps.store) });
    case 'GET /__emulator/calls':
      return sendJson(res, 200, deps.calls.snapshot());
    case 'DELETE /__emulator/calls':
      deps.calls.reset();
      return sendJson(res, 200, deps.calls.snapshot());
    case 'GET /__emulator/faults':
      return sendJson(res, 200, deps.faults.list());
    case 'PUT /__emulator/faults':
      return put(res, body, validateFaultRules, ({ rules }) => {
        deps.faults.replace(rules);
        return deps.faults.list();
      });
    case 'GET /__emulator/limits':
      return sendJson(res, 200, deps.limits.get());
    case 'PUT /__emulator/limits':
      return put(res, body, validateLimits, ({ limits }) => {
        deps.limits.replace(limits);
        return deps.limits.get();
      });
  }
}

function counts(store: Store): Record<string, number> {
  const d = store.snapshot();
  return {
    users: d.users.length,
    devices: d.devices.length,
    cloudStorageOrders: d.cloudStorageOrders.length,
    streamingOrders: d.streamingOrders.length,
    streamingCommodities: d.streamingCommodities.length,
    cloudStorageCommodities: d.cloudStorageCommodities.length,
    freeCloudStorage: d.freeCloudStorage.length,
    billingOrders: d.billingOrders.length,
  };
}
