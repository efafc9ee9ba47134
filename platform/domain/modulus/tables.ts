import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseSubstitutionTable, parseWeightTable } from './table-files.ts';
import type { WeightRow } from './table-files.ts';

/**
 * The weight table and substitution table, indexed for lookup. Build one with
 * `loadModulusTables` (files) or `createModulusTables` (rows in memory) and reuse it:
 * building the index is the expensive part, a lookup is a binary search.
 */
export interface ModulusTables {
  /** Issue of the weight table, e.g. "v8.50". */
  readonly version: string;
  /** The rows whose range holds the sort code (0-999999), in table order; empty when none. */
  rowsFor(sortCode: number): readonly WeightRow[];
  /** The exception-5 substitute for a 6-digit sort code, if it has one. */
  substituteFor(sortCode: string): string | undefined;
}

const NO_ROWS: readonly WeightRow[] = Object.freeze([]);

/**
 * Indexes rows as disjoint segments: every range start and every range end + 1 is a
 * boundary, and each segment holds the rows covering it in table order. This stays
 * correct even if a future table has overlapping ranges, and a lookup is one binary
 * search over the segment starts.
 */
export function createModulusTables(
  rows: readonly WeightRow[],
  substitutions: ReadonlyMap<string, string> = new Map(),
  version = 'unknown',
): ModulusTables {
  const boundaries = [...new Set(rows.flatMap((row) => [row.start, row.end + 1]))].sort((a, b) => a - b);
  const segmentStarts = Int32Array.from(boundaries);
  const segmentRows: WeightRow[][] = boundaries.map(() => []);
  const segmentOf = new Map(boundaries.map((boundary, index) => [boundary, index]));
  for (const row of rows) {
    const first = segmentOf.get(row.start) ?? 0;
    const afterLast = segmentOf.get(row.end + 1) ?? boundaries.length;
    for (let segment = first; segment < afterLast; segment++) segmentRows[segment]?.push(row);
  }
  segmentRows.forEach((group, index) => {
    // The specification never has more than two checks for a sort code; a third would
    // have no defined meaning, so refuse the table rather than pick a rule.
    if (group.length > 2) {
      throw new Error(`modulus weight table has ${group.length} rows for sort code ${String(boundaries[index]).padStart(6, '0')}; at most 2 are allowed`);
    }
  });
  const frozenSegments = segmentRows.map((group) => (group.length === 0 ? NO_ROWS : Object.freeze(group)));
  const frozenSubstitutions = new Map(substitutions);

  function rowsFor(sortCode: number): readonly WeightRow[] {
    let low = 0;
    let high = segmentStarts.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      if ((segmentStarts[middle] ?? 0) <= sortCode) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found === -1 ? NO_ROWS : (frozenSegments[found] ?? NO_ROWS);
  }

  return Object.freeze({
    version,
    rowsFor,
    substituteFor: (sortCode: string) => frozenSubstitutions.get(sortCode),
  });
}

const BUNDLED_WEIGHT_TABLE = fileURLToPath(new URL('./data/valacdos.json', import.meta.url));
const BUNDLED_SUBSTITUTION_TABLE = fileURLToPath(new URL('./data/scsubtab.json', import.meta.url));

/**
 * Reads and indexes the modulus data files. Either file may be the bundled JSON shape or
 * the text file Vocalink publishes, so a new weight-table issue needs no code change.
 *
 * @param weightTablePath default: the bundled `data/valacdos.json` (Vocalink v8.50).
 * @param substitutionTablePath default: the bundled `data/scsubtab.json`.
 * @throws Error naming the line or row when a file is malformed.
 */
export function loadModulusTables(
  weightTablePath: string = BUNDLED_WEIGHT_TABLE,
  substitutionTablePath: string = BUNDLED_SUBSTITUTION_TABLE,
): ModulusTables {
  const weights = parseWeightTable(readFileSync(weightTablePath, 'utf8'));
  const substitutions = parseSubstitutionTable(readFileSync(substitutionTablePath, 'utf8'));
  return createModulusTables(weights.rows, substitutions.substitutions, weights.version);
}

let bundledTables: ModulusTables | undefined;

/**
 * The bundled tables, read on first use and then shared: they are immutable, and
 * re-reading 1,000+ rows per check would dominate the cost of a check.
 */
export function bundledModulusTables(): ModulusTables {
  bundledTables ??= loadModulusTables();
  return bundledTables;
}
