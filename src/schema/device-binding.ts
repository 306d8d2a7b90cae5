/**
 * A device's fields from the caller's binding list (docs/vendors.md#bound-devices). A device
 * from `viewer.devices` carries its entry; one reached by id looks it up in the caller's list, read
 * once per request. An admin key has no user, hence no list: the fields are null, with no call.
 */
import type { DeviceBinding as BindingShape } from '../domain/device-binding.js';
import type { Context } from '../server/context.js';
import { builder } from './builder.js';
import { Device, type DeviceShape } from './device-ref.js';
import { BINDING_FIELD } from './field-cost.js';

export const DeviceStatus = builder.enumType('DeviceStatus', {
  description: 'Connection state of a device (binding list `status`).',
  values: {
    ONLINE: { description: 'Connected (1).' },
    OFFLINE: { description: 'Activated but not connected (3).' },
    INACTIVE: { description: 'Never activated (0).' },
    DISABLED: { description: 'Disabled on the platform (8).' },
  } as const,
});

export const DeviceRole = builder.enumType('DeviceRole', {
  description: "The signed-in user's relation to a device (binding list `owned`).",
  values: {
    OWNER: { description: 'The user administers the device (1): may buy and bind plans.' },
    SHARED: { description: 'The device is shared with the user (0): may view, not buy.' },
  } as const,
});

/** The caller's binding of a device; null for an admin key, or a device not in the list. */
export function bindingOf(
  device: DeviceShape,
  ctx: Context,
): BindingShape | null | Promise<BindingShape | null> {
  if (device.binding) return device.binding;
  if (ctx.viewer.kind !== 'user') return null;
  return ctx.bindings.binding(device.iotId);
}

const NULL_FOR_ADMIN = 'Null for an admin key (no user, so no binding list).';

builder.objectFields(Device, (t) => {
  const text = (description: string, pick: (b: BindingShape) => string | null) =>
    t.string({
      nullable: true,
      description: `${description} ${NULL_FOR_ADMIN}`,
      extensions: BINDING_FIELD,
      resolve: async (d, _args, ctx) => {
        const binding = await bindingOf(d, ctx);
        return binding ? pick(binding) : null;
      },
    });
  return {
    name: text(
      'What the user calls it: its nickName, else its deviceName.',
      (b) => b.nickName ?? b.deviceName,
    ),
    productKey: text('Living IoT product key.', (b) => b.productKey),
    productName: text('Product name.', (b) => b.productName),
    deviceName: text('Device name within its product (`deviceName`).', (b) => b.deviceName),
    imageUrl: text("The product's image URL, else its category's.", (b) => b.imageUrl),
    status: t.field({
      type: DeviceStatus,
      nullable: true,
      description: `Connection state. ${NULL_FOR_ADMIN}`,
      extensions: BINDING_FIELD,
      resolve: async (d, _args, ctx) => (await bindingOf(d, ctx))?.status ?? null,
    }),
    role: t.field({
      type: DeviceRole,
      nullable: true,
      description: `The user's relation to the device. ${NULL_FOR_ADMIN}`,
      extensions: BINDING_FIELD,
      resolve: async (d, _args, ctx) => (await bindingOf(d, ctx))?.role ?? null,
    }),
    owned: t.boolean({
      nullable: true,
      description: `True when the user administers the device (role OWNER). ${NULL_FOR_ADMIN}`,
      extensions: BINDING_FIELD,
      resolve: async (d, _args, ctx) => {
        const binding = await bindingOf(d, ctx);
        return binding ? binding.role === 'OWNER' : null;
      },
    }),
  };
});
