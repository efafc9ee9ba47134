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
