/**
 * Calendar arithmetic on ISO `YYYY-MM-DD` strings, in UTC so the population never depends
 * on the machine's time zone.
 */
export type IsoDate = string;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  return fromDayNumber(toDayNumber(value)) === value;
}

/** Days since 1970-01-01. */
export function toDayNumber(date: IsoDate): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new TypeError('not an ISO date');
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY;
}

export function fromDayNumber(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
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
  return fromDayNumber(Date.UTC(year + years, month - 1, day) / MS_PER_DAY);
}

/**
 * The date `months` after `date` on the same day of the month, or the month's last day
 * when it is shorter (how Universal Credit assessment periods roll).
 */
export function addMonthsClamped(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = partsOf(date);
  const firstOfTarget = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0)).getUTCDate();
  firstOfTarget.setUTCDate(Math.min(day, lastDay));
  return firstOfTarget.toISOString().slice(0, 10);
}

export function partsOf(date: IsoDate): { year: number; month: number; day: number } {
  const match = ISO_DATE.exec(date);
  if (!match) throw new TypeError('not an ISO date');
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
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
  const { year, month, day } = partsOf(date);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}

/** A uniformly chosen date in [from, to]. */
export function dateBetween(random: { int(min: number, max: number): number }, from: IsoDate, to: IsoDate): IsoDate {
  const start = toDayNumber(from);
  const end = toDayNumber(to);
  if (end < start) throw new RangeError('empty date range');
  return fromDayNumber(random.int(start, end));
}
