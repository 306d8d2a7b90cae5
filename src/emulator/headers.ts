import type { IncomingHttpHeaders } from 'node:http';

/** A header's value as one string (repeated headers joined by ","), or undefined. Node lower-cases names. */
export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(',') : value;
}
