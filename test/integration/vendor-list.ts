/** The vendor's own full list, read page by page with the real client: the reference for windows. */
import { createIlopClient } from '../../src/upstream/ilop/client.js';
import { APP } from '../harness.js';

function client(endpoint: string) {
  return createIlopClient({
    endpoint,
    ...APP,
    stage: 'RELEASE',
    streamingOrderQueryApiVer: '1.0.0',
    streamingOrderGetApiVer: '1.0.0',
    streamingOrderEnableApiVer: '1.0.0',
    freeCloudStorageConsumeApiVer: '1.0.3',
    bindingListApiVer: '1.0.8',
    bindingPageSize: 50,
    connections: 2,
    timeoutMs: 3500,
    longTimeoutMs: 10_500,
  });
}

export async function listAllCloudStorageOrders(
  endpoint: string,
  iotId: string,
): Promise<string[]> {
  const ilop = client(endpoint);
  try {
    const ids: string[] = [];
    for (let pageNo = 0; ; pageNo++) {
      const page = await ilop.queryCloudStorageOrders({ iotId, pageNo, pageSize: 50 });
      ids.push(...page.items.map((o) => o.orderId));
      if (ids.length >= page.total || page.items.length === 0) return ids;
    }
  } finally {
    await ilop.close();
  }
}

/** A user's whole binding list (1-based pages), as the vendor lists it: iotId and role. */
export async function listAllBindings(
  endpoint: string,
  iotToken: string,
): Promise<{ iotId: string; role: string; status: string }[]> {
  const ilop = client(endpoint);
  try {
    const all: { iotId: string; role: string; status: string }[] = [];
    for (let pageNo = 1; ; pageNo++) {
      const page = await ilop.listBindings({ pageNo, pageSize: 10 }, { iotToken });
      all.push(...page.items.map(({ iotId, role, status }) => ({ iotId, role, status })));
      if (all.length >= page.total || page.items.length === 0) return all;
    }
  } finally {
    await ilop.close();
  }
}
