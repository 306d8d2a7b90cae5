import { date, objectCodec } from './json-codec.js';

/** A binding's `owned`: 1 the user administers the device, 0 it is shared with them. */
export type DeviceRole = 'OWNER' | 'SHARED';
/** A binding's `status`: 0 inactive, 1 online, 3 offline, 8 disabled. */
export type DeviceStatus = 'INACTIVE' | 'ONLINE' | 'OFFLINE' | 'DISABLED';

/** What the user's binding list says of one device (docs/vendors.md#bound-devices). */
export interface DeviceBinding {
  iotId: string;
  productKey: string | null;
  productName: string | null;
  deviceName: string | null;
  nickName: string | null;
  role: DeviceRole;
  status: DeviceStatus;
  /** The product's image, else its category's. */
  imageUrl: string | null;
  modifiedAt: Date | null;
}

export const deviceBindingCodec = objectCodec<DeviceBinding>({ modifiedAt: date });
