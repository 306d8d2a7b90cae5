/**
 * The benchmark's workload: every query in `schema/operations/`, with variables pointing at the
 * generated dataset's devices (mutations are left out: they change what they measure).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import type { Dataset } from '../../src/emulator/dataset-schema.js';

export const OPERATIONS_DIR = new URL('../../schema/operations/', import.meta.url).pathname;

export interface BenchOperation {
  name: string;
  query: string;
  variables: Record<string, unknown>;
  /** Vendor calls one after another on the critical path (Living IoT page, then BSS detail). */
  levels: number;
  /** Sent as the bench's signed-in user (a Bearer iotToken bound to every device), not an admin key. */
  asUser: boolean;
}

// MyDevices: the binding page, then one level of per-device reads.
const LEVELS: Record<string, number> = {
  AdminDashboard: 2,
  AdminDashboardDeferred: 2,
  MyDevices: 2,
};
/** The screens of a signed-in user: `viewer` has no admin. */
const USER_OPERATIONS = new Set(['MyDevices', 'CloudStoragePlans']);

/** Variables per operation; `nodeId` is a cloud-storage order's global ID. */
function variablesFor(name: string, dataset: Dataset, now: number, nodeId: string) {
  const iotIds = dataset.devices.map((d) => d.iotId);
  const withStreaming = dataset.streamingOrders.find((o) => o.iotId !== null)?.iotId ?? iotIds[0]!;
  switch (name) {
    case 'AdminDashboard':
    case 'AdminDashboardDeferred':
    case 'DeviceDashboard':
      return { iotIds, orders: 10 };
    case 'BillingOrderList':
      return {
        filter: {
          createdAfter: new Date(now - 30 * 86_400_000).toISOString(),
          createdBefore: new Date(now).toISOString(),
        },
        first: 20,
      };
    case 'NodeById':
      return { id: nodeId };
    case 'CloudStorageOrderList':
      return { iotId: iotIds[0], first: 20 };
    case 'StreamingOverview':
      return { iotId: withStreaming, first: 10 };
    case 'MyDevices':
      return { first: 50 };
    case 'CloudStoragePlans':
      return {
        iotId: iotIds[0],
        commodityCode: 'ilopLVCloudResource',
        specification: 'eventResource_7',
      };
    default:
      throw new Error(`bench: no variables for operation ${name}; add them in operations.ts`);
  }
}

/** The queries in schema/operations, in file order, ready to send. */
export function loadOperations(dataset: Dataset, now: number, nodeId: string): BenchOperation[] {
  const ops: BenchOperation[] = [];
  for (const file of readdirSync(OPERATIONS_DIR)
    .filter((f) => f.endsWith('.graphql'))
    .sort()) {
    const query = readFileSync(join(OPERATIONS_DIR, file), 'utf8');
    const def = parse(query).definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    if (!def || def.operation !== 'query' || !def.name) continue;
    const name = def.name.value;
    ops.push({
      name,
      query,
      variables: variablesFor(name, dataset, now, nodeId),
      levels: LEVELS[name] ?? 1,
      asUser: USER_OPERATIONS.has(name),
    });
  }
  return ops;
}
