/** A column of a fixed-width record, 1-based and inclusive as legacy record layouts are written. */
export interface FixedWidthColumn {
  readonly from: number;
  readonly to: number;
}

export type FixedWidthLayout<F extends string> = Readonly<Record<F, FixedWidthColumn>>;

/** Cuts one record into its fields, trimming the space padding. */
export function readFixedWidth<F extends string>(line: string, layout: FixedWidthLayout<F>): Record<F, string> {
  const record = {} as Record<F, string>;
  for (const [field, column] of Object.entries(layout) as Array<[F, FixedWidthColumn]>) {
    record[field] = line.slice(column.from - 1, column.to).trim();
  }
  return record;
}

/**
 * Lays each field out in its column, left-aligned and space-padded, in a record `width` long.
 * A value longer than its column cannot be sent in this layout: RangeError, never a cut value.
 */
export function writeFixedWidth<F extends string>(values: Readonly<Record<F, string>>, layout: FixedWidthLayout<F>, width: number): string {
  const record = Array.from({ length: width }, () => ' ');
  for (const [field, column] of Object.entries(layout) as Array<[F, FixedWidthColumn]>) {
    const value = values[field];
    if (value.length > column.to - column.from + 1) throw new RangeError(`${field} does not fit its column`);
    record.splice(column.from - 1, value.length, ...value);
  }
  return record.join('');
}

const TRAILER: FixedWidthLayout<'recordType' | 'count'> = { recordType: { from: 1, to: 3 }, count: { from: 4, to: 9 } };

/**
 * The records of a fixed-width file closed by a trailer (`TRL` and a six-digit record count).
 * A missing trailer, or a count that disagrees with the records, means the answer was cut
 * short: TypeError, rather than half the records.
 */
export function readTrailedRecords(text: string): string[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const trailer = readFixedWidth(lines.at(-1) ?? '', TRAILER);
  const records = lines.slice(0, -1);
  if (trailer.recordType !== 'TRL' || !/^\d{6}$/.test(trailer.count)) throw new TypeError('fixed-width file has no trailer');
  if (Number(trailer.count) !== records.length) throw new TypeError('fixed-width trailer count does not match its records');
  return records;
}
