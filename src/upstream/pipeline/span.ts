/** A client span per attempt (src/ops/tracing.ts), named `<vendor> <api>`. No options. */
import { inSpan } from '../../ops/tracing.js';
import type { Interceptor } from './dispatch.js';

export const span: Interceptor = (next) => (attempt) => {
  const { vendor, api } = attempt.call;
  return inSpan(
    `${vendor} ${api}`,
    { 'subgate.vendor': vendor, 'subgate.vendor_api': api, 'subgate.attempt': attempt.n },
    () => next(attempt),
  );
};
