/** `yyyy-MM-ddTHH:mm:ssZ`, UTC, no fraction: `x-acs-date` (protocol §B) and the time params (seed 003). */
export function acsDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
}
