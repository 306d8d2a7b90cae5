import { DEMO_DEVICES } from './dataset.js';
import type { CloudStorageOrder, Dataset, Device } from './dataset-schema.js';

/** Devices named in a listing, and how many more there are. */
export interface DeviceList {
  iotIds: string[];
  more: number;
}

/** What one demo user can reach: the devices they administer and those shared with them. */
export interface DemoHolding {
  userName: string;
  iotToken: string;
  administers: DeviceList;
  shared: DeviceList;
}

const NAMED: ReadonlySet<string> = new Set(Object.values(DEMO_DEVICES));

/**
 * The named demo devices (DEMO_DEVICES) among `devices`, else the one with the most cloud-storage
 * orders (something to look at), and a count of the rest.
 */
function list(devices: Device[], orders: Map<string, number>): DeviceList {
  const named = devices.filter((d) => NAMED.has(d.iotId));
  const busiest = [...devices].sort(
    (a, b) => (orders.get(b.iotId) ?? 0) - (orders.get(a.iotId) ?? 0),
  );
  const shown = named.length > 0 ? named : busiest.slice(0, 1);
  return { iotIds: shown.map((d) => d.iotId), more: devices.length - shown.length };
}

/** Each user of the dataset with the devices they administer and those shared with them. */
export function demoHoldings(dataset: Dataset): DemoHolding[] {
  const orders = new Map<string, number>();
  for (const o of dataset.cloudStorageOrders)
    if (o.iotId !== null) orders.set(o.iotId, (orders.get(o.iotId) ?? 0) + 1);
  const listOf = (devices: Device[]) => list(devices, orders);
  return dataset.users.map((user) => ({
    userName: user.userName,
    iotToken: user.iotToken,
    administers: listOf(dataset.devices.filter((d) => d.adminIdentityId === user.identityId)),
    shared: listOf(dataset.devices.filter((d) => d.boundIdentityIds.includes(user.identityId))),
  }));
}

/** A paid cloud-storage order bound to no device yet: what a bind (as a device's admin) can use. */
export function unboundOrder(dataset: Dataset): CloudStorageOrder | undefined {
  return dataset.cloudStorageOrders.find((o) => o.iotId === null && o.paymentStatus === 1);
}
