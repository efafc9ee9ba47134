/**
 * Parsers for the two Pay.UK (Vocalink) modulus data files, in either of two shapes:
 *
 * - the JSON bundled in `./data/` (rows plus a note of source and version), or
 * - the plain-text files Vocalink publishes (`valacdos.txt`, `scsubtab.txt`), so a new
 *   weight-table issue can be dropped in and loaded without converting it first.
 *
 * Both parsers fail fast with the line or row number: a half-read weight table would
 * silently pass or fail real accounts.
 */

export type ModulusMethod = 'MOD10' | 'MOD11' | 'DBLAL';

/** One row of the weight table: a sort-code range and the check to run for it. */
export interface WeightRow {
  /** First sort code of the range, as a number (e.g. 10004 for 010004). */
  readonly start: number;
  /** Last sort code of the range, inclusive. */
  readonly end: number;
  readonly method: ModulusMethod;
  /** The 14 weights for positions u v w x y z a b c d e f g h. */
  readonly weights: readonly number[];
  /** Exception code 1-14, or null. */
  readonly exception: number | null;
}

export interface WeightTableFile {
  /** Issue of the table, e.g. "v8.50"; "unknown" for Vocalink text files, which carry none. */
  readonly version: string;
  readonly rows: readonly WeightRow[];
}

export interface SubstitutionTableFile {
  readonly version: string;
  /** Original sort code -> sort code to use for exception 5 checks (both 6 digits). */
  readonly substitutions: ReadonlyMap<string, string>;
}

const METHODS: ReadonlySet<string> = new Set(['MOD10', 'MOD11', 'DBLAL']);
const SORT_CODE = /^\d{6}$/;

function rowError(where: string, problem: string): Error {
  return new Error(`modulus weight table ${where}: ${problem}`);
}

function toRow(where: string, start: unknown, end: unknown, method: unknown, weights: unknown, exception: unknown): WeightRow {
  if (typeof start !== 'string' || !SORT_CODE.test(start)) throw rowError(where, 'range start is not a 6-digit sort code');
  if (typeof end !== 'string' || !SORT_CODE.test(end)) throw rowError(where, 'range end is not a 6-digit sort code');
  if (typeof method !== 'string' || !METHODS.has(method)) throw rowError(where, 'method must be MOD10, MOD11 or DBLAL');
  if (!Array.isArray(weights) || weights.length !== 14 || !weights.every((w) => Number.isInteger(w))) {
    throw rowError(where, 'there must be 14 integer weights');
  }
  // The double-alternate check sums the digits of each product; a negative product has no
  // defined digit sum in the specification, so refuse the table rather than guess.
  if (method === 'DBLAL' && weights.some((w: number) => w < 0)) throw rowError(where, 'DBLAL weights cannot be negative');
  if (exception !== null && !(Number.isInteger(exception) && (exception as number) >= 1 && (exception as number) <= 14)) {
    throw rowError(where, 'exception must be empty or 1-14');
  }
  const startNumber = Number(start);
  const endNumber = Number(end);
  if (startNumber > endNumber) throw rowError(where, 'range start is after range end');
  return Object.freeze({
    start: startNumber,
    end: endNumber,
    method: method as ModulusMethod,
    weights: Object.freeze([...(weights as number[])]),
    exception: exception as number | null,
  });
}

/** Parses Vocalink's `valacdos.txt`: start end method w1..w14 [exception], whitespace separated. */
function parseWeightTableText(text: string): WeightTableFile {
  const rows: WeightRow[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const fields = line.trim().split(/\s+/);
    if (fields.length === 1 && fields[0] === '') return;
    const where = `line ${index + 1}`;
    if (fields.length !== 17 && fields.length !== 18) throw rowError(where, `expected 17 or 18 fields, found ${fields.length}`);
    const weights = fields.slice(3, 17).map(Number);
    const exception = fields[17] === undefined ? null : Number(fields[17]);
    rows.push(toRow(where, fields[0], fields[1], fields[2], weights, exception));
  });
  return { version: 'unknown', rows };
}

function parseWeightTableJson(text: string): WeightTableFile {
  const data: unknown = JSON.parse(text);
  if (typeof data !== 'object' || data === null || !Array.isArray((data as { rows?: unknown }).rows)) {
    throw new Error('modulus weight table JSON must be an object with a "rows" array');
  }
  const { rows, version } = data as { rows: unknown[]; version?: unknown };
  return {
    version: typeof version === 'string' ? version : 'unknown',
    rows: rows.map((row, index) => {
      const where = `row ${index + 1}`;
      if (!Array.isArray(row) || row.length !== 5) throw rowError(where, 'expected [start, end, method, weights, exception]');
      return toRow(where, row[0], row[1], row[2], row[3], row[4]);
    }),
  };
}

/** Parses a weight table in the bundled JSON shape or Vocalink's text shape (told apart by the first character). */
export function parseWeightTable(text: string): WeightTableFile {
  const file = text.trimStart().startsWith('{') ? parseWeightTableJson(text) : parseWeightTableText(text);
  if (file.rows.length === 0) throw new Error('modulus weight table has no rows');
  return file;
}

function substitutionError(where: string): Error {
  return new Error(`sort-code substitution table ${where}: expected two 6-digit sort codes`);
}

/** Parses a substitution table in the bundled JSON shape or Vocalink's `scsubtab.txt` shape ("938173 938017" per line). */
export function parseSubstitutionTable(text: string): SubstitutionTableFile {
  const substitutions = new Map<string, string>();
  if (text.trimStart().startsWith('{')) {
    const data: unknown = JSON.parse(text);
    const entries = (data as { substitutions?: unknown }).substitutions;
    if (typeof entries !== 'object' || entries === null) {
      throw new Error('sort-code substitution table JSON must have a "substitutions" object');
    }
    for (const [from, to] of Object.entries(entries)) {
      if (!SORT_CODE.test(from) || typeof to !== 'string' || !SORT_CODE.test(to)) throw substitutionError(`entry ${from}`);
      substitutions.set(from, to);
    }
    const version = (data as { version?: unknown }).version;
    return { version: typeof version === 'string' ? version : 'unknown', substitutions };
  }
  text.split(/\r?\n/).forEach((line, index) => {
    const fields = line.trim().split(/\s+/);
    if (fields.length === 1 && fields[0] === '') return;
    const [from, to] = fields;
    if (fields.length !== 2 || from === undefined || to === undefined || !SORT_CODE.test(from) || !SORT_CODE.test(to)) {
      throw substitutionError(`line ${index + 1}`);
    }
    substitutions.set(from, to);
  });
  return { version: 'unknown', substitutions };
}
