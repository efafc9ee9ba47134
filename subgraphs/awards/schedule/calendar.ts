/** Calendar arithmetic on ISO `YYYY-MM-DD` dates, in UTC so no time zone can shift a day. */

const DAY_MS = 86_400_000;

function toUtc(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`);
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return fromUtc(toUtc(iso) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/**
 * The date `months` calendar months after (or before) `iso`, on `dayOfMonth` (default: the
 * same day as `iso`), moved back to the month's last day when the month is too short:
 * 31 January + 1 month is 28 (or 29) February.
 */
export function addMonths(iso: string, months: number, dayOfMonth = Number(iso.slice(8, 10))): string {
  const year = Number(iso.slice(0, 4));
  const monthIndex = Number(iso.slice(5, 7)) - 1 + months;
  const targetYear = year + Math.floor(monthIndex / 12);
  const targetMonth = ((monthIndex % 12) + 12) % 12;
  const day = Math.min(dayOfMonth, daysInMonth(targetYear, targetMonth));
  return fromUtc(Date.UTC(targetYear, targetMonth, day));
}

/** ISO weekday of a date: 1 Monday .. 7 Sunday. */
export function isoWeekday(iso: string): number {
  return new Date(toUtc(iso)).getUTCDay() || 7;
}

/** The first date on or after `iso` that falls on ISO `weekday`. */
export function onOrAfterWeekday(iso: string, weekday: number): string {
  return addDays(iso, (weekday - isoWeekday(iso) + 7) % 7);
}

/** The earlier of two dates, ignoring nulls; null when both are null. */
export function earliest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}
