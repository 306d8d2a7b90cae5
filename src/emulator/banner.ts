import { DEMO_EXAMPLE } from './dataset.js';
import type { Dataset } from './dataset-schema.js';
import { DEMO_ACCESS_KEY_SECRET, DEMO_APP_SECRET } from './demo-credentials.js';
import { demoHoldings, unboundOrder, type DeviceList } from './demo-holdings.js';
import type { Emulator } from './server.js';

const listed = (list: DeviceList): string =>
  [...list.iotIds, ...(list.more > 0 ? [`(+${list.more} more)`] : [])].join(' ') || '-';

/**
 * What the demo dataset holds, for the banners: each user's token with the devices they administer
 * and those shared with them (the named demo devices, the rest counted), and an order a bind can use.
 */
export function describeDemo(dataset: Dataset): string[] {
  const holdings = demoHoldings(dataset);
  const widest = (texts: string[]) => Math.max(...texts.map((t) => t.length));
  const nameWidth = widest(holdings.map((h) => h.userName));
  const tokenWidth = widest(holdings.map((h) => h.iotToken));
  const width = nameWidth + 2 + tokenWidth;
  const lines = ['  Demo users (header  Authorization: Bearer <token>):'];
  for (const h of holdings) {
    const who = `${h.userName.padEnd(nameWidth)}  ${h.iotToken.padEnd(tokenWidth)}`;
    lines.push(
      `    ${who}  administers ${listed(h.administers)}`,
      `    ${' '.repeat(width)}  shared      ${listed(h.shared)}`,
    );
  }
  const order = unboundOrder(dataset);
  if (order) {
    lines.push(
      `  Unbound cloud-storage order (bindCloudStorageOrder, as a device's admin): ${order.orderId}`,
    );
  }
  return lines;
}

/**
 * The lines `npm run emulator` prints. A secret is shown only when the caller allows it and it is the
 * built-in demo value, so a real secret from the environment never reaches a terminal or a log.
 */
export function describeEmulator(emulator: Emulator, options: { printSecrets: boolean }): string[] {
  const show = (secret: string, demo: string) =>
    options.printSecrets && secret === demo ? secret : '(from your environment, not printed)';
  const lines = [`subgate vendor emulator listening on ${emulator.url}`, ''];
  for (const app of emulator.credentials.apps) {
    lines.push(
      `  Living IoT API gateway  ${emulator.url}/vision/customer/...`,
      `    AppKey     ${app.appKey}`,
      `    AppSecret  ${show(app.appSecret, DEMO_APP_SECRET)}`,
    );
  }
  for (const key of emulator.credentials.accessKeys) {
    lines.push(
      `  BSS OpenAPI             ${emulator.url}/  (QueryOrders, GetOrderDetail)`,
      `    AccessKeyId      ${key.accessKeyId}`,
      `    AccessKeySecret  ${show(key.accessKeySecret, DEMO_ACCESS_KEY_SECRET)}`,
    );
  }
  lines.push(
    `  Control API             ${emulator.url}/__emulator/state (calls, faults, limits, reset)`,
  );
  const state = emulator.state();
  if (state.devices.some((d) => d.iotId === DEMO_EXAMPLE.iotId)) {
    lines.push('', ...describeDemo(state));
  }
  return lines;
}
