import type { DeviceBinding } from '../domain/device-binding.js';
import { builder } from './builder.js';

/** A device is known by its iotId; its data comes from its fields' vendor calls. */
export interface DeviceShape {
  iotId: string;
  /** Its entry in the caller's binding list, when the device came from that list. */
  binding?: DeviceBinding;
}

/** Declared apart from its fields so order types can point back at it. */
export const Device = builder.objectRef<DeviceShape>('Device');
