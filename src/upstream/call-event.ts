/** Per-attempt observation hook shared by both clients (future metrics and logging). */
import { VendorError, type Vendor } from './vendor-error.js';

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

export interface AttemptProbe {
  /** Record the HTTP status once a response arrived. */
  status(httpStatus: number): void;
}

/** Runs one attempt and reports it; a throwing hook never breaks the call. */
export async function observeAttempt<T>(
  onCall: OnCall | undefined,
  base: { vendor: Vendor; api: string; attempt: number },
  fn: (probe: AttemptProbe) => Promise<T>,
): Promise<T> {
  if (!onCall) return fn({ status: () => {} });
  const started = performance.now();
  let httpStatus: number | null = null;
  const emit = (outcome: string): void => {
    try {
      onCall({ ...base, durationMs: performance.now() - started, outcome, httpStatus });
    } catch {
      // Observability must not change the call's outcome.
    }
  };
  try {
    const value = await fn({ status: (s) => (httpStatus = s) });
    emit('ok');
    return value;
  } catch (err) {
    if (err instanceof VendorError) {
      httpStatus = err.httpStatus ?? httpStatus;
      emit(err.code);
    } else emit(isAbort(err) ? 'ABORTED' : 'ERROR');
    throw err;
  }
}

function isAbort(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError');
}
