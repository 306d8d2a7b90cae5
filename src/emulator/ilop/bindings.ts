import type { Device, User } from '../dataset-schema.js';
import { optionalInt, optionalOneOf } from '../ilop-params.js';
import { requiredUser, type IlopApi } from './call.js';

// The user's bound devices: /uc/listBindingByAccount (docs/vendors.md#bound-devices). The list is
// the iotToken's user's; pages are 1-based.

/** A binding as the vendor lists it; absent device fields answer these defaults (a guess). */
export function bindingWire(device: Device, user: User) {
  return {
    iotId: device.iotId,
    productKey: device.productKey ?? 'emulatorProduct',
    deviceName: device.deviceName ?? device.iotId,
    productName: device.productName ?? 'Camera',
    nickName: device.nickName ?? null,
    identityId: user.identityId,
    owned: device.adminIdentityId === user.identityId ? 1 : 0,
    status: device.status ?? 1,
    thingType: 'DEVICE',
    nodeType: device.nodeType ?? 'DEVICE',
    netType: device.netType ?? 'NET_WIFI',
    productImage: device.productImage ?? null,
    categoryImage: device.categoryImage ?? null,
    gmtModified: device.gmtModified ?? 0,
  };
}

const listBindingByAccount: IlopApi = {
  apiVer: '1.0.8',
  handle(call) {
    const p = call.params;
    const pageNo = optionalInt(p, 'pageNo', { min: 1, numericString: true }) ?? 1;
    const pageSize =
      optionalInt(p, 'pageSize', {
        min: 1,
        max: call.guesses.bindingMaxPageSize,
        numericString: true,
      }) ?? 10;
    optionalOneOf(p, 'thingType', ['DEVICE'] as const);
    const nodeType = optionalOneOf(p, 'nodeType', ['DEVICE', 'GATEWAY'] as const);
    const user = requiredUser(call);
    const devices = call.store
      .devicesOf(user.identityId)
      .filter((d) => nodeType === null || (d.nodeType ?? 'DEVICE') === nodeType);
    return {
      data: {
        total: devices.length,
        pageNo,
        pageSize,
        data: devices
          .slice((pageNo - 1) * pageSize, pageNo * pageSize)
          .map((d) => bindingWire(d, user)),
      },
    };
  },
};

export const BINDING_APIS: Readonly<Record<string, IlopApi>> = {
  '/uc/listBindingByAccount': listBindingByAccount,
};
