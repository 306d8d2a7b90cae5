import { datasetSchema, type Dataset } from './dataset-schema.js';
import { issuesOf, type ValidationIssue } from './validation-issue.js';

export type DatasetVerdict =
  { ok: true; dataset: Dataset } | { ok: false; errors: ValidationIssue[] };

/** Validates a dataset document: its shape, then the references between records. Reports every problem. */
export function validateDataset(document: unknown): DatasetVerdict {
  const parsed = datasetSchema.safeParse(document);
  if (!parsed.success) return { ok: false, errors: issuesOf(parsed.error) };
  const errors = crossReferenceIssues(parsed.data);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, dataset: parsed.data };
}

function crossReferenceIssues(dataset: Dataset): ValidationIssue[] {
  const errors: ValidationIssue[] = [];
  const unique = <T>(items: T[], key: (item: T) => string, collection: string, field: string) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const value = key(item);
      if (seen.has(value)) {
        errors.push({
          path: `${collection}[${index}].${field}`,
          message: `duplicate ${field} "${value}"`,
        });
      }
      seen.add(value);
    });
  };
  unique(dataset.users, (u) => u.identityId, 'users', 'identityId');
  unique(dataset.users, (u) => u.iotToken, 'users', 'iotToken');
  unique(dataset.devices, (d) => d.iotId, 'devices', 'iotId');
  unique(dataset.cloudStorageOrders, (o) => o.orderId, 'cloudStorageOrders', 'orderId');
  unique(dataset.streamingOrders, (o) => o.orderId, 'streamingOrders', 'orderId');
  unique(
    dataset.streamingCommodities,
    (c) => c.commodityCode,
    'streamingCommodities',
    'commodityCode',
  );
  unique(
    dataset.cloudStorageCommodities,
    (c) => `${c.commodityCode}|${c.specification}`,
    'cloudStorageCommodities',
    'specification',
  );
  unique(dataset.freeCloudStorage, (f) => f.iotId, 'freeCloudStorage', 'iotId');
  unique(dataset.billingOrders, (o) => o.OrderId, 'billingOrders', 'OrderId');

  const identities = new Set(dataset.users.map((u) => u.identityId));
  const devices = new Set(dataset.devices.map((d) => d.iotId));
  dataset.devices.forEach((device, index) => {
    if (device.adminIdentityId !== null && !identities.has(device.adminIdentityId)) {
      errors.push({
        path: `devices[${index}].adminIdentityId`,
        message: `unknown user "${device.adminIdentityId}" (not in users)`,
      });
    }
    device.boundIdentityIds.forEach((id, j) => {
      if (!identities.has(id)) {
        errors.push({
          path: `devices[${index}].boundIdentityIds[${j}]`,
          message: `unknown user "${id}" (not in users)`,
        });
      }
    });
  });
  dataset.cloudStorageOrders.forEach((order, index) => {
    if (order.iotId !== null && !devices.has(order.iotId)) {
      errors.push({
        path: `cloudStorageOrders[${index}].iotId`,
        message: `unknown device "${order.iotId}" (not in devices; use null for an unbound order)`,
      });
    }
  });
  dataset.streamingOrders.forEach((order, index) => {
    if (!devices.has(order.iotId)) {
      errors.push({
        path: `streamingOrders[${index}].iotId`,
        message: `unknown device "${order.iotId}" (not in devices)`,
      });
    }
  });
  dataset.freeCloudStorage.forEach((plan, index) => {
    if (!devices.has(plan.iotId)) {
      errors.push({
        path: `freeCloudStorage[${index}].iotId`,
        message: `unknown device "${plan.iotId}" (not in devices)`,
      });
    }
    if (plan.consumed && !plan.startTimeUTC) {
      errors.push({
        path: `freeCloudStorage[${index}].startTimeUTC`,
        message: 'a claimed (consumed) free plan needs its start and end times',
      });
    }
  });
  return errors;
}
