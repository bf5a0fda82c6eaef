import {
  dueStatus,
  dueText,
  formatInstant,
  fromLocalInput,
  toLocalInput,
  zoneName,
} from '../../web/src/board/card-model/dates';

const PARIS = 'Europe/Paris';
const NEW_YORK = 'America/New_York';
const at = (iso: string) => Date.parse(iso);
const due = (dueAt: string | null, dueDate: string | null = null, dueDone = false) => ({ dueAt, dueDate, dueDone });

describe('typing a date and time on the viewer’s wall clock', () => {
  test('a winter time in Paris is one hour ahead of UTC', () => {
    expect(fromLocalInput('2026-01-15T09:30', PARIS)).toBe('2026-01-15T08:30:00.000Z');
    expect(toLocalInput('2026-01-15T08:30:00.000Z', PARIS)).toBe('2026-01-15T09:30');
  });

  test('a summer time in Paris is two hours ahead of UTC', () => {
    expect(fromLocalInput('2026-07-01T18:00', PARIS)).toBe('2026-07-01T16:00:00.000Z');
    expect(toLocalInput('2026-07-01T16:00:00.000Z', PARIS)).toBe('2026-07-01T18:00');
  });

  test('the same instant reads as a different day in New York', () => {
    expect(toLocalInput('2026-03-02T03:00:00.000Z', NEW_YORK)).toBe('2026-03-01T22:00');
  });

  test('a time on the day the clocks change round-trips through the input', () => {
    const iso = fromLocalInput('2026-03-29T04:15', PARIS)!;
    expect(iso).toBe('2026-03-29T02:15:00.000Z');
    expect(toLocalInput(iso, PARIS)).toBe('2026-03-29T04:15');
  });

  test('an empty or malformed value is no instant', () => {
    expect(fromLocalInput('', PARIS)).toBeNull();
    expect(fromLocalInput('tomorrow', PARIS)).toBeNull();
  });

  test('an instant is shown in the viewer’s zone, and the zone is named', () => {
    expect(formatInstant('2026-01-15T08:30:00.000Z', PARIS, 'en-GB')).toBe('15 Jan 2026, 09:30');
    expect(formatInstant('2026-01-15T08:30:00.000Z', NEW_YORK, 'en-GB')).toBe('15 Jan 2026, 03:30');
    expect(zoneName(PARIS, at('2026-01-15T00:00:00Z'), 'en-GB')).toContain('(Europe/Paris)');
  });
});

describe('where a card stands against its due date', () => {
  const now = at('2026-01-15T12:00:00.000Z');

  test('a card without a due date has no status', () => {
    expect(dueStatus(due(null), now, PARIS)).toBe('none');
    expect(dueText(due(null), now, PARIS)).toBeNull();
  });

  test('a due time already past is overdue, and says so in words', () => {
    expect(dueText(due('2026-01-15T11:00:00.000Z'), now, PARIS, 'en-GB')).toEqual({
      status: 'overdue',
      text: 'Overdue: 15 Jan 2026, 12:00',
    });
  });

  test('a due time within a day is due soon, one further away is just due', () => {
    expect(dueStatus(due('2026-01-16T11:59:00.000Z'), now, PARIS)).toBe('soon');
    expect(dueStatus(due('2026-01-16T12:01:00.000Z'), now, PARIS)).toBe('later');
  });

  test('a done card is never overdue', () => {
    expect(dueText(due('2026-01-01T00:00:00.000Z', null, true), now, PARIS, 'en-GB')?.text).toBe(
      'Done: 1 Jan 2026, 01:00',
    );
  });

  test('an all-day due date lasts until the end of that day in the viewer’s zone', () => {
    // 12:00 UTC on the 15th is still the 15th in New York and Paris alike: not yet overdue.
    expect(dueStatus(due(null, '2026-01-15'), now, PARIS)).toBe('soon');
    expect(dueStatus(due(null, '2026-01-14'), now, NEW_YORK)).toBe('overdue');
    expect(dueText(due(null, '2026-01-20'), now, PARIS, 'en-GB')?.text).toBe('Due: 20 Jan 2026');
  });

  test('a due instant wins over the legacy all-day date', () => {
    expect(dueStatus(due('2026-02-01T00:00:00.000Z', '2026-01-01'), now, PARIS)).toBe('later');
  });
});
