/**
 * The signed-in user's devices: `/uc/listBindingByAccount` (docs/vendors.md#bound-devices).
 * Its apiVer is seen in shipped apps, not published, so it comes from config; pages are 1-based.
 */
import { z } from 'zod';
import type { DeviceBinding, DeviceRole, DeviceStatus } from '../../domain/device-binding.js';
import type { Page } from '../../domain/page.js';
import type { IlopApi } from '../clients.js';
import { enumFromInt, wireInt, wireText } from '../wire.js';
import type { IlopCall } from './client.js';

export const BINDINGS_PATH = '/uc/listBindingByAccount';

export const wireBinding = z.object({
  iotId: z.string().min(1),
  productKey: wireText,
  productName: wireText,
  deviceName: wireText,
  nickName: wireText,
  owned: wireInt,
  status: wireInt,
  productImage: wireText,
  categoryImage: wireText,
  gmtModified: wireInt.nullish(),
});

export const wireBindingPage = z.object({
  total: wireInt,
  pageNo: wireInt.nullish(),
  pageSize: wireInt.nullish(),
  data: z.array(wireBinding).nullish(),
});

const ROLE: Record<number, DeviceRole> = { 1: 'OWNER', 0: 'SHARED' };
const STATUS: Record<number, DeviceStatus> = {
  0: 'INACTIVE',
  1: 'ONLINE',
  3: 'OFFLINE',
  8: 'DISABLED',
};

export function mapBinding(w: z.output<typeof wireBinding>): DeviceBinding {
  return {
    iotId: w.iotId,
    productKey: w.productKey,
    productName: w.productName,
    deviceName: w.deviceName,
    nickName: w.nickName,
    role: enumFromInt(ROLE, w.owned, 'owned'),
    status: enumFromInt(STATUS, w.status, 'status'),
    imageUrl: w.productImage ?? w.categoryImage,
    modifiedAt: w.gmtModified == null ? null : new Date(w.gmtModified),
  };
}

export interface BindingApiSettings {
  bindingListApiVer: string;
}

export function bindingMethods(
  call: IlopCall,
  settings: BindingApiSettings,
): Pick<IlopApi, 'listBindings'> {
  return {
    listBindings(params, opts) {
      return call(
        {
          path: BINDINGS_PATH,
          apiVer: settings.bindingListApiVer,
          write: false,
          // Typed like the order lists' paging: sent as strings, as shipped apps do.
          params: { pageNo: String(params.pageNo), pageSize: String(params.pageSize) },
          schema: wireBindingPage,
          map: (w): Page<DeviceBinding> => {
            const pageNo = w.pageNo ?? params.pageNo;
            const pageSize = w.pageSize ?? params.pageSize;
            return {
              offset: (pageNo - 1) * pageSize,
              pageSize,
              total: w.total,
              items: (w.data ?? []).map(mapBinding),
            };
          },
        },
        opts,
      );
    },
  };
}
