/** Per-attempt observation hook shared by both clients (metrics and logging; pipeline/call-events.ts). */
import type { Vendor } from './vendor-error.js';

export interface CallEvent {
  vendor: Vendor;
  /** Living IoT path or BSS Action. */
  api: string;
  /** 1 for the first attempt. */
  attempt: number;
  durationMs: number;
  /** `ok`, the VendorError code, `ABORTED` for a caller abort, `ERROR` for anything else. */
  outcome: 'ok' | (string & {});
  httpStatus: number | null;
}

export type OnCall = (event: CallEvent) => void;
