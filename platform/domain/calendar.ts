/**
 * Calendar arithmetic on ISO `YYYY-MM-DD` dates, shared by the subgraphs and the population
 * generator. No Date objects, so no time zone can shift a day.
 *
 * Dates are plain strings (an IsoDate from parseDate is one) and are trusted to be real
 * calendar dates: check untrusted input with parseDate first. Results are plain strings too,
 * so callers holding unbranded dates need no casts.
 */

/** The numeric year, month (1-12) and day of the month of an ISO date. */
export function dateParts(date: string): { year: number; month: number; day: number } {
  if (date.length !== 10 || date[4] !== '-' || date[7] !== '-') throw new TypeError('not an ISO date');
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

// Civil-date arithmetic without Date objects (H. Hinnant's days_from_civil / civil_from_days):
// the population generator does millions of these, and Date allocation dominated its run time.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function format(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** Days in a month of the Gregorian calendar (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Whether year, month (1-12) and day name a day of the Gregorian calendar, year 1 onwards. */
export function isRealDate(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Days since 1970-01-01 (negative before it). */
export function toDayNumber(date: string): number {
  const { year, month, day } = dateParts(date);
  return daysFromCivil(year, month, day);
}

/** The date `days` days after 1970-01-01. */
export function fromDayNumber(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return format(yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day);
}

/** The date `days` days after `date` (before it when negative). */
export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Same day and month `years` later; 29 February becomes 1 March in a common year, as for birthdays in law. */
export function addYears(date: string, years: number): string {
  const { year, month, day } = dateParts(date);
  return fromDayNumber(daysFromCivil(year + years, month, day));
}

/**
 * The date `months` calendar months after (or before) `date`'s month, on day `dayOfMonth`,
 * or on the month's last day when it is shorter: a series kept to the 31st pays on
 * 28 (or 29) February and goes back to 31 March.
 *
 * @throws RangeError when `dayOfMonth` is not a whole number from 1 to 31.
 */
export function addMonthsOnDay(date: string, months: number, dayOfMonth: number): string {
  if (!Number.isInteger(dayOfMonth) || dayOfMonth < 1 || dayOfMonth > 31) throw new RangeError('dayOfMonth must be 1 to 31');
  const { year, month } = dateParts(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return format(targetYear, targetMonth, Math.min(dayOfMonth, daysInMonth(targetYear, targetMonth)));
}

/**
 * The date `months` calendar months after (or before) `date` on the same day of the month,
 * or the month's last day when it is shorter: 31 January + 1 month is 28 (or 29) February.
 * Each call clamps afresh, so stepping one month at a time from the 31st drifts to the 28th;
 * to keep a series on its day, use addMonthsOnDay from the series' first date.
 */
export function addMonthsClamped(date: string, months: number): string {
  return addMonthsOnDay(date, months, dateParts(date).day);
}

/** Whole calendar months from `from`'s month to `to`'s, ignoring the day. */
export function calendarMonthsBetween(from: string, to: string): number {
  const a = dateParts(from);
  const b = dateParts(to);
  return (b.year - a.year) * 12 + (b.month - a.month);
}

/** Age in whole years on `on` of someone born on `birth`; a 29 February birthday falls on 1 March in a common year. */
export function ageOn(birth: string, on: string): number {
  const b = dateParts(birth);
  const o = dateParts(on);
  const hadBirthday = o.month > b.month || (o.month === b.month && o.day >= b.day);
  return o.year - b.year - (hadBirthday ? 0 : 1);
}

/** ISO weekday: 1 Monday .. 7 Sunday. */
export function isoWeekday(date: string): number {
  // 1970-01-01 was a Thursday (4).
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/** The first date on or after `date` that falls on ISO `weekday` (1 Monday .. 7 Sunday). */
export function onOrAfterWeekday(date: string, weekday: number): string {
  return addDays(date, (weekday - isoWeekday(date) + 7) % 7);
}

// ISO dates sort as strings, so comparing them needs no parsing.
export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

export function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

/** The earlier of two dates, ignoring nulls (an unknown or open-ended date); null when both are null. */
export function earliest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return minDate(a, b);
}
