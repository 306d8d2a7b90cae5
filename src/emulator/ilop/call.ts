import type { Device, User } from '../dataset-schema.js';
import { IlopFailure, parameterError } from '../ilop-codes.js';
import { optionalInt, type Params } from '../ilop-params.js';
import type { Store } from '../state.js';

// What every Living IoT handler shares: the call, its outcome, identity and binding checks, paging.

export interface Call {
  store: Store;
  now: number;
  params: Params;
  /** request.iotToken, when the caller acts as an end user. */
  iotToken: string | undefined;
  guesses: IlopGuesses;
}

/**
 * Facts the Living IoT documents do not publish (src/emulator/README.md, "Guesses"): settable per
 * emulator so a team that learns the real value can match it.
 */
export interface IlopGuesses {
  /** apiVer per path, over each handler's own (e.g. `/uc/listBindingByAccount`: 1.0.8, seen in shipped apps). */
  apiVersions: Readonly<Record<string, string>>;
  /** The binding list's largest `pageSize` (not published; shipped apps send 10 to 100). */
  bindingMaxPageSize: number;
  /** How long a streaming payment stays paying (2) before it is paid (1), in ms (not published). */
  paymentSettleMs: number;
}

export const DEFAULT_ILOP_GUESSES: IlopGuesses = {
  apiVersions: {},
  bindingMaxPageSize: 100,
  paymentSettleMs: 3000,
};

export interface Outcome {
  data: unknown;
  /** Reads answer "success" (docs/vendors.md#endpoints); bind and create answer null (the bind and create documents' examples). */
  quiet?: boolean;
}

export interface IlopApi {
  apiVer: string;
  handle(call: Call): Outcome;
}

/** Identity rules (docs/vendors.md#identity): without iotToken the AppKey's authority covers every device. */
export function userOf(call: Call): User | undefined {
  if (call.iotToken === undefined) return undefined;
  const user = call.store.userByToken(call.iotToken);
  if (!user) throw new IlopFailure(2062);
  return user;
}

/** The caller's user, for an API that acts only as one (a missing iotToken is 401, a guess). */
export function requiredUser(call: Call): User {
  const user = userOf(call);
  if (!user) {
    throw new IlopFailure(401, {
      en: 'iotToken is required: this API acts as the signed-in user',
      zh: '该接口需要用户身份（iotToken）',
    });
  }
  return user;
}

export function authorize(call: Call, device: Device, needsAdmin: boolean): void {
  const user = userOf(call);
  if (!user) return;
  const isAdmin = device.adminIdentityId === user.identityId;
  if (!isAdmin && !device.boundIdentityIds.includes(user.identityId)) throw new IlopFailure(2065);
  if (needsAdmin && !isAdmin) throw new IlopFailure(2066);
}

export function knownDevice(call: Call, iotId: string): Device {
  const device = call.store.device(iotId);
  if (!device) throw parameterError(`iotId ${iotId} does not exist`, `设备${iotId}不存在`);
  return device;
}

export function adminOf(device: Device): string {
  if (device.adminIdentityId === null) {
    throw parameterError(
      `device ${device.iotId} has no admin to bind to`,
      `设备${device.iotId}未绑定管理员`,
    );
  }
  return device.adminIdentityId;
}

export function pageParams(params: Params): { pageNo: number; pageSize: number } {
  return {
    pageNo: optionalInt(params, 'pageNo', { min: 0, numericString: true }) ?? 0,
    pageSize: optionalInt(params, 'pageSize', { min: 1, max: 50, numericString: true }) ?? 20,
  };
}

/** Page 0 is the first page (docs/vendors.md#endpoints). */
export function page<T>(
  items: readonly T[],
  pageNo: number,
  pageSize: number,
  wire: (item: T) => unknown,
) {
  return {
    pageNo,
    pageSize,
    pageCount: Math.ceil(items.length / pageSize),
    total: items.length,
    orderList: items.slice(pageNo * pageSize, (pageNo + 1) * pageSize).map(wire),
  };
}
