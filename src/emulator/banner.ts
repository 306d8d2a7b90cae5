import { DEMO_EXAMPLE } from './dataset.js';
import { DEMO_ACCESS_KEY_SECRET, DEMO_APP_SECRET } from './demo-credentials.js';
import type { Emulator } from './server.js';

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
  lines.push(`  Control API             ${emulator.url}/__emulator/state (calls, faults, reset)`);
  if (emulator.state().devices.some((d) => d.iotId === DEMO_EXAMPLE.iotId)) {
    lines.push(
      '',
      `  Demo user: iotToken ${DEMO_EXAMPLE.token} administers device ${DEMO_EXAMPLE.iotId}`,
      '  (also demo-token-bob, demo-token-carol, demo-token-dave)',
    );
  }
  return lines;
}
