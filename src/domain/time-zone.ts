import * as t from 'io-ts';

/** An IANA time zone name ("Europe/Berlin", "UTC") this runtime knows. */
export const isTimeZone = (s: string): boolean => {
  if (s.length === 0 || s.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: s });
    return true;
  } catch {
    return false;
  }
};

export const TimeZoneCodec = new t.Type<string, string, unknown>(
  'TimeZone',
  (u): u is string => typeof u === 'string' && isTimeZone(u),
  (u, c) => (typeof u === 'string' && isTimeZone(u) ? t.success(u) : t.failure(u, c, 'Not a known IANA time zone')),
  (s) => s,
);

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** How far `timeZone`'s wall clock is ahead of UTC at the instant `at` (ms; negative west of Greenwich). */
const formats = new Map<string, Intl.DateTimeFormat>();
const formatOf = (timeZone: string): Intl.DateTimeFormat => {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, format);
  }
  return format;
};

const offsetAt = (at: number, timeZone: string): number => {
  const parts = formatOf(timeZone).formatToParts(new Date(at));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(at / 1000) * 1000;
};

/** The instant the wall clock of `timeZone` reads `wall` (ms as if UTC); a skipped wall time maps forward. */
const instantOfWall = (wall: number, timeZone: string): number => {
  const guess = wall - offsetAt(wall, timeZone);
  const settled = wall - offsetAt(guess, timeZone);
  return offsetAt(settled, timeZone) === wall - settled ? settled : Math.max(guess, settled);
};

const QUARTER_MS = 15 * 60_000;

/**
 * The first instant after `now` at which the wall clock of `timeZone` starts a new hour, or a new day
 * (local midnight). Daylight-saving changes are followed: a day may be 23 or 25 hours long, and a
 * repeated hour starts again.
 */
export const nextLocalBoundary = (now: Date, timeZone: string, unit: 'hour' | 'day'): Date => {
  const at = now.getTime();
  if (unit === 'hour') {
    // Every zone's offset is whole quarter hours: one of the next few quarter hours is the wall's full hour.
    for (let q = Math.floor(at / QUARTER_MS) * QUARTER_MS + QUARTER_MS; ; q += QUARTER_MS)
      if ((q + offsetAt(q, timeZone)) % HOUR_MS === 0) return new Date(q);
  }
  const wall = at + offsetAt(at, timeZone);
  let next = instantOfWall(Math.floor(wall / DAY_MS) * DAY_MS + DAY_MS, timeZone);
  // A change of offset at midnight may leave the first candidate behind.
  if (next <= at) next = instantOfWall(Math.floor(wall / DAY_MS) * DAY_MS + 2 * DAY_MS, timeZone);
  return new Date(next);
};
