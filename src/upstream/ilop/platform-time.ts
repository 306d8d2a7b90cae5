/**
 * Living IoT order times (the Living IoT documents `startTime`, `startTimeUTC`, ...). The UTC fields are
 * preferred; the local ones are platform time (UTC+8, "yyyy-MM-dd HH:mm:ss") and some answers drop
 * a digit ("10:00:0", the order-query document example) or send epoch ms (docs/vendors.md#living-iot), so they parse leniently.
 */
import { BadWireValue } from '../wire.js';

const PLATFORM_OFFSET_MS = 8 * 3600_000;

const UTC_PATTERN =
  /^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d{1,3})\d*)?Z$/;
const LOCAL_PATTERN =
  /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?(?:\.(\d{1,3})\d*)?$/;

type TimeValue = string | number | null | undefined;

/** The instant of an order time, from the UTC field or else the local one; null when neither is sent. */
export function parsePlatformTime(utc: TimeValue, local: TimeValue, field: string): Date | null {
  const fromUtc = parseTime(utc, 0);
  if (fromUtc) return fromUtc;
  const fromLocal = parseTime(local, PLATFORM_OFFSET_MS);
  if (fromLocal) return fromLocal;
  if (isAbsent(utc) && isAbsent(local)) return null;
  throw new BadWireValue(`${field}: unreadable time ${JSON.stringify(utc ?? local)}`);
}

function isAbsent(v: TimeValue): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** The form the vendor sends in UTC fields, which `Date.parse` reads natively. */
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

function parseTime(value: TimeValue, offsetMs: number): Date | null {
  if (typeof value === 'number') return fromEpochMs(value);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (offsetMs === 0 && ISO_UTC.test(text)) {
    // Date.parse rolls 2020-02-31 over to March (and 24:00 to the next day): the day must stay.
    const ms = Date.parse(text);
    const date = new Date(ms);
    return date.getUTCDate() === Number(text.slice(8, 10)) ? date : null;
  }
  if (/^\d{10,}$/.test(text)) return fromEpochMs(Number(text));
  const m = (offsetMs === 0 ? UTC_PATTERN : LOCAL_PATTERN).exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6] ?? 0);
  // A fraction is milliseconds: ".5" is 500.
  const ms = Number((m[7] ?? '0').padEnd(3, '0'));
  const utcMs = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const date = new Date(utcMs);
  // Date.UTC rolls 2020-02-31 over to March: refuse instead of guessing.
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return null;
  }
  return offsetMs === 0 ? date : new Date(utcMs - offsetMs);
}

function fromEpochMs(ms: number): Date | null {
  if (!Number.isSafeInteger(ms) || ms < 0) return null;
  return new Date(ms);
}
