/**
 * Calendar arithmetic on ISO `YYYY-MM-DD` strings, in UTC so the population never depends
 * on the machine's time zone.
 */
export type IsoDate = string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string): boolean {
  return ISO_DATE.test(value) && fromDayNumber(toDayNumber(value)) === value;
}

export function partsOf(date: IsoDate): { year: number; month: number; day: number } {
  if (date.length !== 10 || date[4] !== '-' || date[7] !== '-') throw new TypeError('not an ISO date');
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

// Civil-date arithmetic without Date objects (H. Hinnant's days_from_civil / civil_from_days):
// the generator does millions of these, and Date allocation dominated its run time.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function format(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01. */
export function toDayNumber(date: IsoDate): number {
  const { year, month, day } = partsOf(date);
  return daysFromCivil(year, month, day);
}

export function fromDayNumber(days: number): IsoDate {
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

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Same day and month `years` later; 29 February becomes 1 March in a common year, as for birthdays in law. */
export function addYears(date: IsoDate, years: number): IsoDate {
  const { year, month, day } = partsOf(date);
  return fromDayNumber(daysFromCivil(year + years, month, day));
}

/**
 * The date `months` after `date` on the same day of the month, or the month's last day
 * when it is shorter (how Universal Credit assessment periods roll).
 */
export function addMonthsClamped(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = partsOf(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return format(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** Whole calendar months from `from`'s month to `to`'s, ignoring the day. */
export function calendarMonthsBetween(from: IsoDate, to: IsoDate): number {
  const a = partsOf(from);
  const b = partsOf(to);
  return (b.year - a.year) * 12 + (b.month - a.month);
}

/** Whole years from `birth` to `on`. */
export function ageOn(birth: IsoDate, on: IsoDate): number {
  const b = partsOf(birth);
  const o = partsOf(on);
  const hadBirthday = o.month > b.month || (o.month === b.month && o.day >= b.day);
  return o.year - b.year - (hadBirthday ? 0 : 1);
}

/** ISO weekday: 1 Monday .. 7 Sunday. */
export function isoWeekday(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

/** Legacy `YYYYMMDD`, or '' when absent. */
export function toCompact(date: IsoDate | null): string {
  return date === null ? '' : date.replaceAll('-', '');
}

/** Legacy `DD/MM/YYYY`. */
export function toDayMonthYear(date: IsoDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** A uniformly chosen date in [from, to]. */
export function dateBetween(random: { int(min: number, max: number): number }, from: IsoDate, to: IsoDate): IsoDate {
  const start = toDayNumber(from);
  const end = toDayNumber(to);
  if (end < start) throw new RangeError('empty date range');
  return fromDayNumber(random.int(start, end));
}
