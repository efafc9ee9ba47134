/**
 * The population's own date helpers: checking an `asOf`, the legacy systems' date shapes and
 * random dates. Calendar arithmetic lives in platform/domain (calendar.ts).
 */
import { fromDayNumber, toDayNumber } from '../../platform/domain/index.ts';

/**
 * An ISO `YYYY-MM-DD` string. Plain rather than platform's branded IsoDate: the generator
 * makes its dates by arithmetic, never by parsing input, so a brand would only add casts.
 */
export type IsoDate = string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string): boolean {
  return ISO_DATE.test(value) && fromDayNumber(toDayNumber(value)) === value;
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
