/** Epoch milliseconds; injectable so tests can pin the emulator's clock. */
export type Clock = () => number;

// Living IoT's startTime/endTime are platform local time, UTC+8 (the order-query document: "10:00:00" is "02:00:00Z").
const PLATFORM_OFFSET_MS = 8 * 3_600_000;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function fields(date: Date): [string, string, string, string, string, string] {
  return [
    String(date.getUTCFullYear()),
    pad(date.getUTCMonth() + 1),
    pad(date.getUTCDate()),
    pad(date.getUTCHours()),
    pad(date.getUTCMinutes()),
    pad(date.getUTCSeconds()),
  ];
}

/** `yyyy-MM-ddTHH:mm:ssZ`, the vendors' UTC format (no milliseconds). */
export function formatUtc(ms: number): string {
  const [y, mo, d, h, mi, s] = fields(new Date(ms));
  return `${y}-${mo}-${d}T${h}:${mi}:${s}Z`;
}

/** `yyyy-MM-dd HH:mm:ss` in platform local time (UTC+8). */
export function formatPlatformLocal(ms: number): string {
  const [y, mo, d, h, mi, s] = fields(new Date(ms + PLATFORM_OFFSET_MS));
  return `${y}-${mo}-${d} ${h}:${mi}:${s}`;
}

/** `yyyyMMddHHmmss` in platform local time: the prefix of Living IoT order ids (the Living IoT documents' examples). */
export function compactPlatformLocal(ms: number): string {
  return fields(new Date(ms + PLATFORM_OFFSET_MS)).join('');
}

/** Adds calendar months in the platform's local calendar, clamping the day (Jan 31 + 1 month = Feb 28/29). */
export function addCalendarMonths(ms: number, months: number): number {
  const local = new Date(ms + PLATFORM_OFFSET_MS);
  const day = local.getUTCDate();
  local.setUTCDate(1);
  local.setUTCMonth(local.getUTCMonth() + months);
  const lastDay = new Date(
    Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 0),
  ).getUTCDate();
  local.setUTCDate(Math.min(day, lastDay));
  return local.getTime() - PLATFORM_OFFSET_MS;
}

const UTC_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** Strict parse of `yyyy-MM-ddTHH:mm:ssZ` (fraction tolerated); undefined when malformed. */
export function parseUtc(text: string): number | undefined {
  if (!UTC_PATTERN.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The start of the UTC day containing `ms`. */
export function startOfUtcDay(ms: number): number {
  return ms - (((ms % 86_400_000) + 86_400_000) % 86_400_000);
}
