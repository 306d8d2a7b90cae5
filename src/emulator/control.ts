import type { ServerResponse } from 'node:http';
import type { CallCounter } from './calls.js';
import { validateDataset } from './dataset-validation.js';
import type { Faults } from './faults.js';
import { validateFaultRules } from './faults.js';
import { sendJson } from './http-io.js';
import type { Store } from './store.js';

// The control API of design §3, under /__emulator/. JSON in and out; no signature needed.

export const CONTROL_PREFIX = '/__emulator';

export interface ControlDeps {
  store: Store;
  calls: CallCounter;
  faults: Faults;
}

const ENDPOINTS: Record<string, string[]> = {
  '/__emulator/state': ['GET', 'PUT'],
  '/__emulator/reset': ['POST'],
  '/__emulator/calls': ['GET', 'DELETE'],
  '/__emulator/faults': ['GET', 'PUT'],
};

function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) };
  } catch (error) {
    return { ok: false, message: `the body is not JSON: ${(error as Error).message}` };
  }
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
    case 'PUT /__emulator/state': {
      const json = parseJson(body);
      if (!json.ok)
        return sendJson(res, 400, { errors: [{ path: '(root)', message: json.message }] });
      const verdict = validateDataset(json.value);
      if (!verdict.ok) return sendJson(res, 400, { errors: verdict.errors });
      deps.store.replace(verdict.dataset);
      return sendJson(res, 200, { ok: true, counts: counts(deps.store) });
    }
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
    case 'PUT /__emulator/faults': {
      const json = parseJson(body);
      if (!json.ok)
        return sendJson(res, 400, { errors: [{ path: '(root)', message: json.message }] });
      const verdict = validateFaultRules(json.value);
      if (!verdict.ok) return sendJson(res, 400, { errors: verdict.errors });
      deps.faults.replace(verdict.rules);
      return sendJson(res, 200, deps.faults.list());
    }
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
    billingOrders: d.billingOrders.length,
  };
}
