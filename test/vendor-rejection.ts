/** The VendorError a promise rejects with; anything else (or no rejection) fails the test. */
import { VendorError } from '../src/upstream/vendor-error.js';

export async function vendorError(p: Promise<unknown>): Promise<VendorError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof VendorError) return err;
    throw err;
  }
  throw new Error('expected a VendorError');
}
