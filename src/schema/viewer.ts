/**
 * `viewer`: the signed-in user (a Bearer iotToken) and their devices, from the user's binding
 * list. An admin key acts with the AppKey's authority and has no user: `viewer` is then null with
 * a FORBIDDEN error (docs/api.md#the-signed-in-users-devices).
 */
import type { DeviceBinding } from '../domain/device-binding.js';
import { loadAll, loadWindow, windowOfArray } from '../loaders/paged-source.js';
import { badInput, ErrorCode, GatewayError } from '../server/client-errors.js';
import { builder } from './builder.js';
import { DeviceRole, DeviceStatus } from './device-binding.js';
import { Device, type DeviceShape } from './device-ref.js';
import { BINDING_CONNECTION, NO_CALLS } from './field-cost.js';
import { buildConnection, parseConnectionArgs } from './pagination.js';

interface ViewerShape {
  kind: 'user';
}

const DeviceFilter = builder.inputType('DeviceFilter', {
  description:
    "Keep devices matching every given field (any of the listed values). The vendor's binding list filters by neither, so a filter reads the user's whole list and filters it here; totalCount and pageInfo count the kept devices.",
  fields: (t) => ({
    role: t.field({ type: [DeviceRole], description: 'Any of these roles.' }),
    status: t.field({ type: [DeviceStatus], description: 'Any of these connection states.' }),
  }),
});

type Filter = { role?: readonly string[] | null; status?: readonly string[] | null };

function matcher(filter: Filter | null | undefined): ((b: DeviceBinding) => boolean) | null {
  const role = filter?.role ?? null;
  const status = filter?.status ?? null;
  if (role?.length === 0) throw badInput('filter.role', 'must list at least one value');
  if (status?.length === 0) throw badInput('filter.status', 'must list at least one value');
  if (role === null && status === null) return null;
  return (b) =>
    (role === null || role.includes(b.role)) && (status === null || status.includes(b.status));
}

const Viewer = builder.objectRef<ViewerShape>('Viewer').implement({
  description: 'The signed-in user (the Bearer iotToken), as the Living IoT platform knows them.',
  fields: (t) => ({
    devices: t.connection(
      {
        type: Device,
        // A device whose own read fails is null at its edge, with its error; the others stand.
        nodeNullable: true,
        description:
          "The user's devices (administered and shared with them), in the vendor's binding-list order. A device whose vendor call fails is null at its edge with one error; the others stand.",
        extensions: BINDING_CONNECTION,
        args: { filter: t.arg({ type: DeviceFilter, description: 'Keep only matching devices.' }) },
        resolve: async (_viewer, args, ctx) => {
          const keep = matcher(args.filter);
          const scope = `Viewer.devices:${JSON.stringify(args.filter ?? null)}`;
          const req = parseConnectionArgs(scope, args);
          const toDevice = (b: DeviceBinding): DeviceShape => ({ iotId: b.iotId, binding: b });
          const list = ctx.bindings.list();
          if (keep === null) {
            const slice = await loadWindow(list, req);
            return buildConnection(scope, {
              ...slice,
              itemAt: (o) => {
                const b = slice.itemAt(o);
                return b && toDevice(b);
              },
            });
          }
          const kept = (await loadAll(list)).filter(keep).map(toDevice);
          return buildConnection(scope, windowOfArray(kept, req));
        },
      },
      { name: 'DeviceConnection', description: "A window of the user's devices, with the total." },
      { name: 'DeviceEdge', description: 'A device and its cursor.' },
    ),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: Viewer,
    nullable: true,
    description:
      "The signed-in user. Null with a FORBIDDEN error for an admin key, which has no user (it acts with the AppKey's authority over every device).",
    extensions: NO_CALLS,
    resolve: (_root, _args, ctx) => {
      if (ctx.viewer.kind !== 'user') {
        throw new GatewayError(
          ErrorCode.FORBIDDEN,
          'viewer is the signed-in user: an admin key (X-Api-Key) has no user. Send Authorization: Bearer <iotToken>.',
          { rule: 'needs a user token' },
        );
      }
      return { kind: 'user' as const };
    },
  }),
);
