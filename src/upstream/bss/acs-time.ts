/** `yyyy-MM-ddTHH:mm:ssZ`, UTC, no fraction: `x-acs-date` (docs/vendors.md#bss) and the time params (docs/vendors.md#queryorders). */
export function acsDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
}
