/**
 * Exceptions run in whole days, in UTC: one starts at 00:00 UTC of its first day and holds through
 * its last day, so the API's (exclusive) end is 00:00 UTC of the day after the last day.
 */

const DAY_MS = 86_400_000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDay(day: string): number | null {
  const match = DAY.exec(day);
  if (!match) return null;
  const [, year, month, date] = match;
  const time = Date.UTC(Number(year), Number(month) - 1, Number(date));
  // Reject dates that roll over, such as 2026-02-31.
  return new Date(time).toISOString().slice(0, 10) === day ? time : null;
}

/** "2026-12-01" → "2026-12-01T00:00:00.000Z": the first moment of the first day. */
export function startsAtFromDay(day: string): string | null {
  const time = parseDay(day);
  return time === null ? null : new Date(time).toISOString();
}

/** "2026-12-31" → "2027-01-01T00:00:00.000Z": the exception holds until and including the last day. */
export function endsAtFromDay(day: string): string | null {
  const time = parseDay(day);
  return time === null ? null : new Date(time + DAY_MS).toISOString();
}

/** The (UTC) day a start falls on, for a date input. */
export function dayOfStartsAt(startsAt: string): string {
  return new Date(startsAt).toISOString().slice(0, 10);
}

/** The last (UTC) day an exception holds: the day before its exclusive end at midnight. */
export function lastDayOfEndsAt(endsAt: string): string {
  return new Date(Date.parse(endsAt) - 1).toISOString().slice(0, 10);
}

/** Today in UTC, as YYYY-MM-DD. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Whether the last day is on or after the first day (both YYYY-MM-DD). */
export function isDayOnOrAfter(last: string, first: string): boolean {
  const a = parseDay(last);
  const b = parseDay(first);
  return a !== null && b !== null && a >= b;
}

export function isValidDay(day: string): boolean {
  return parseDay(day) !== null;
}

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function isMidnightUtc(iso: string): boolean {
  return Date.parse(iso) % DAY_MS === 0;
}

/** "1 Dec 2026", or with the time when an exception does not start at midnight UTC. */
export function formatStart(startsAt: string): string {
  return isMidnightUtc(startsAt)
    ? dayFormat.format(new Date(startsAt))
    : `${dateTimeFormat.format(new Date(startsAt))} UTC`;
}

/** "until and including 31 Dec 2026", "until 5 Dec 2026, 13:00 UTC" or "no end date". */
export function formatEnd(endsAt: string | null | undefined): string {
  if (!endsAt) return "no end date";
  if (isMidnightUtc(endsAt)) return `until and including ${dayFormat.format(new Date(Date.parse(endsAt) - 1))}`;
  return `until ${dateTimeFormat.format(new Date(endsAt))} UTC`;
}
