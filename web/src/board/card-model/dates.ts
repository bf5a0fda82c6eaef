import type { Card } from '../../../../src/domain/board';

/**
 * Dates as the viewer reads them: instants are stored in UTC and shown (and typed) in the viewer's own
 * time zone. The zone is always a parameter so tests can pin one; the app passes `viewerZone()`.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The browser's IANA time zone, e.g. "Europe/Paris". */
export const viewerZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

const wallParts = (zone: string, utcMs: number) => {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
};

/** How far the zone's wall clock is ahead of UTC at this instant (DST included), in ms. */
export const zoneOffset = (zone: string, utcMs: number): number =>
  wallParts(zone, utcMs) - Math.floor(utcMs / 1000) * 1000;

/** An instant as a `datetime-local` input value (`YYYY-MM-DDTHH:mm`) on the zone's wall clock. */
export const toLocalInput = (iso: string, zone: string): string => {
  const ms = Date.parse(iso);
  return new Date(ms + zoneOffset(zone, ms)).toISOString().slice(0, 16);
};

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * A `datetime-local` value read on the zone's wall clock, as a UTC instant; null when it is not one.
 * The offset is looked up twice because it may differ between the guess and the answer around a DST
 * change; a wall time skipped by the change lands just after it.
 */
export const fromLocalInput = (value: string, zone: string): string | null => {
  const m = LOCAL_RE.exec(value);
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (Number.isNaN(wall)) return null;
  const first = wall - zoneOffset(zone, wall);
  return new Date(wall - zoneOffset(zone, first)).toISOString();
};

/** "2 Mar 2026, 14:30" in the viewer's zone and language. */
export const formatInstant = (iso: string, zone: string, locale?: string): string =>
  new Intl.DateTimeFormat(locale, { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(Date.parse(iso)),
  );

/** A legacy all-day date (`YYYY-MM-DD`) as "2 Mar 2026": a calendar day, the same in every zone. */
export const formatDay = (day: string, locale?: string): string =>
  new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: 'medium' }).format(new Date(`${day}T00:00:00Z`));

/** The zone's name as people read it, e.g. "Central European Standard Time" (falls back to the id). */
export const zoneName = (zone: string, at: number, locale?: string): string => {
  const part = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'long' })
    .formatToParts(new Date(at))
    .find((p) => p.type === 'timeZoneName');
  return part ? `${part.value} (${zone})` : zone;
};

/** The moment a card's work is due: its due instant, else the end of its all-day due date in the zone. */
export const dueMoment = (card: Pick<Card, 'dueAt' | 'dueDate'>, zone: string): number | null => {
  if (card.dueAt) return Date.parse(card.dueAt);
  if (!card.dueDate) return null;
  const [y, m, d] = card.dueDate.split('-').map(Number) as [number, number, number];
  const nextDay = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  const start = fromLocalInput(`${nextDay}T00:00`, zone);
  return start === null ? null : Date.parse(start);
};

export type DueStatus = 'none' | 'done' | 'overdue' | 'soon' | 'later';

/** Soon means due within a day from now. */
export const DUE_SOON_MS = DAY;

/** Where a card stands against its due date at `now`: a done card is never overdue. */
export const dueStatus = (card: Pick<Card, 'dueAt' | 'dueDate' | 'dueDone'>, now: number, zone: string): DueStatus => {
  const due = dueMoment(card, zone);
  if (due === null) return 'none';
  if (card.dueDone) return 'done';
  if (due <= now) return 'overdue';
  return due - now <= DUE_SOON_MS ? 'soon' : 'later';
};

/** The words that go with a status, so it never rests on colour alone. */
export const DUE_WORDS: Readonly<Record<DueStatus, string>> = {
  none: '',
  done: 'Done',
  overdue: 'Overdue',
  soon: 'Due soon',
  later: 'Due',
};

/** What the due badge says, e.g. "Overdue: 2 Mar 2026, 14:30"; null when there is no due date. */
export const dueText = (
  card: Pick<Card, 'dueAt' | 'dueDate' | 'dueDone'>,
  now: number,
  zone: string,
  locale?: string,
) => {
  const status = dueStatus(card, now, zone);
  if (status === 'none') return null;
  const when = card.dueAt ? formatInstant(card.dueAt, zone, locale) : formatDay(card.dueDate!, locale);
  return { status, text: `${DUE_WORDS[status]}: ${when}` };
};
