/** The vendor's own full list, read page by page with the real client: the reference for windows. */
import { createIlopClient } from '../../src/upstream/ilop/client.js';
import { APP } from '../harness.js';

export async function listAllCloudStorageOrders(
  endpoint: string,
  iotId: string,
): Promise<string[]> {
  const ilop = createIlopClient({
    endpoint,
    ...APP,
    stage: 'RELEASE',
    streamingOrderQueryApiVer: '1.0.0',
    streamingOrderGetApiVer: '1.0.0',
    bindingListApiVer: '1.0.8',
    bindingPageSize: 50,
    connections: 2,
    timeoutMs: 3500,
  });
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
