/**
 * Demo mode's embedded emulator, in a worker thread of the gateway's process: its own event loop,
 * so a gateway busy with many large responses does not hold back the emulator's answers (in one
 * loop, a probe of 16 concurrent 135 KB dashboards from the sources saw them queue behind the
 * gateway's work until vendor calls timed out and breakers opened).
 * Protocol with the host (main.ts): workerData is the EmulatorOptions (plain data); the worker
 * posts `{ url }` once listening; any message from the host closes it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createEmulator, type EmulatorOptions } from './server.js';

const port = parentPort!;
const emulator = await createEmulator(workerData as EmulatorOptions);
port.postMessage({ url: emulator.url });
port.once('message', () => {
  void emulator.close().finally(() => port.close());
});
