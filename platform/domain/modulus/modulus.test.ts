import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  bundledModulusTables,
  checkBankDetails,
  createModulusTables,
  loadModulusTables,
  parseSubstitutionTable,
  parseWeightTable,
} from './index.ts';
import type { WeightRow } from './index.ts';

interface SpecCase {
  id?: number;
  sortCode: string;
  accountNumber: string;
  valid: boolean;
  exercises: string;
}

const spec = JSON.parse(readFileSync(new URL('./spec-test-cases.json', import.meta.url), 'utf8')) as {
  cases: SpecCase[];
  supplementary: SpecCase[];
};

function row(start: string, end: string, method: WeightRow['method'], weights: number[], exception: number | null = null): WeightRow {
  return { start: Number(start), end: Number(end), method, weights, exception };
}

describe('checkBankDetails against the specification test cases', () => {
  it('has all 34 numbered cases and the supplementary worked example', () => {
    expect(spec.cases.map((c) => c.id)).toEqual(Array.from({ length: 34 }, (_, i) => i + 1));
    expect(spec.supplementary).toHaveLength(1);
  });

  it.each(spec.cases.map((c) => [c.id, c.sortCode, c.accountNumber, c.valid, c.exercises] as const))(
    'case %i: %s %s is valid=%s (%s)',
    (_id, sortCode, accountNumber, valid) => {
      const result = checkBankDetails(sortCode, accountNumber);
      expect(result.valid).toBe(valid);
    },
  );

  it.each(spec.supplementary.map((c) => [c.sortCode, c.accountNumber, c.valid, c.exercises] as const))(
    'supplementary: %s %s is valid=%s (%s)',
    (sortCode, accountNumber, valid) => {
      expect(checkBankDetails(sortCode, accountNumber)).toMatchObject({ valid, checked: true, outcome: 'PASSED' });
    },
  );

  it('reports every numbered case as checked except the exception 6 foreign-currency case (13)', () => {
    const unchecked = spec.cases.filter((c) => !checkBankDetails(c.sortCode, c.accountNumber).checked).map((c) => c.id);
    expect(unchecked).toEqual([13]);
    expect(checkBankDetails('200915', '41011166')).toMatchObject({ valid: true, outcome: 'FOREIGN_CURRENCY' });
  });

  it('gives a failure reason that names the failing check and not the details', () => {
    const result = checkBankDetails('089999', '66374959');
    expect(result).toMatchObject({ valid: false, checked: true, outcome: 'FAILED' });
    expect(result.reason).toBe('account number fails the MOD10 check for this sort code');
  });
});

describe('a range with two rows and no exception (040010: MOD11 then DBLAL)', () => {
  it('has exactly those rows in the bundled table', () => {
    expect(bundledModulusTables().rowsFor(40010).map((r) => `${r.method}/${r.exception}`)).toEqual(['MOD11/null', 'DBLAL/null']);
  });

  // 12345609: MOD11 over a..h = 0+14+18+20+20+18+0+9 = 99 = 9x11 passes; DBLAL digit sum 36 fails.
  // 12345603: MOD11 total 93 fails; DBLAL digit sum 30 passes. 12345900 passes both.
  it.each([
    ['12345609', 'MOD11 passes, DBLAL fails', false, 'DBLAL'],
    ['12345603', 'MOD11 fails, DBLAL passes', false, 'MOD11'],
  ])('%s (%s) is invalid: both checks must pass', (accountNumber, _what, valid, failed) => {
    const result = checkBankDetails('040010', accountNumber);
    expect(result).toMatchObject({ valid, checked: true, outcome: 'FAILED' });
    expect(result.reason).toContain(failed);
  });

  it('12345900 passes both checks and is valid', () => {
    expect(checkBankDetails('040010', '12345900')).toMatchObject({ valid: true, checked: true, outcome: 'PASSED' });
  });

  it('each account passes the row it should when that row stands alone', () => {
    const [mod11, dblal] = bundledModulusTables().rowsFor(40010);
    const onlyMod11 = createModulusTables([mod11!]);
    const onlyDblal = createModulusTables([dblal!]);
    expect(checkBankDetails('040010', '12345609', onlyMod11).valid).toBe(true);
    expect(checkBankDetails('040010', '12345609', onlyDblal).valid).toBe(false);
    expect(checkBankDetails('040010', '12345603', onlyMod11).valid).toBe(false);
    expect(checkBankDetails('040010', '12345603', onlyDblal).valid).toBe(true);
  });
});

describe('exception pairs and retries beyond the specification cases', () => {
  it('reports a 10/11 pair as failing both checks when neither passes', () => {
    expect(checkBankDetails('871427', '46238511')).toMatchObject({
      valid: false,
      checked: true,
      reason: 'account number fails both checks for this sort code',
    });
  });

  // 180002 (MOD11, exception 14) weights a..h 8 7 6 5 4 3 2 1.
  it.each([
    ['00000199', true, 'first check 30 fails; h=9, so 00000019 is checked: 2+9 = 11 passes'],
    ['00000192', false, 'first check 23 fails; h=2, so there is no retry (00000019 would have passed)'],
    ['00000195', false, 'first check 26 fails; h=5, no retry'],
  ])('exception 14: 180002 %s is valid=%s (%s)', (accountNumber, valid) => {
    expect(checkBankDetails('180002', accountNumber)).toMatchObject({ valid, checked: true });
  });
});

describe('sort codes outside the weight table', () => {
  it.each(['000000', '090000', '999999'])('%s is in no range, so any account is presumed valid and unchecked', (sortCode) => {
    expect(bundledModulusTables().rowsFor(Number(sortCode))).toEqual([]);
    expect(checkBankDetails(sortCode, '12345678')).toMatchObject({
      valid: true,
      checked: false,
      outcome: 'NOT_IN_TABLE',
      normalised: { sortCode, accountNumber: '12345678' },
    });
  });
});

describe('exception 8', () => {
  // The real 086090 row gives the same MOD10 total for 086090 and 090126, so the
  // substitution cannot be seen there; a made-up MOD11 row with unit weights shows it.
  const ones = new Array<number>(14).fill(1);
  it('checks with sort code 090126 in place of the real one', () => {
    // 0+9+0+1+2+6 + 4 = 22 (passes); with 123456 itself: 21 + 4 = 25 (fails)
    expect(checkBankDetails('123456', '00000004', createModulusTables([row('123456', '123456', 'MOD11', ones, 8)])).valid).toBe(true);
    expect(checkBankDetails('123456', '00000004', createModulusTables([row('123456', '123456', 'MOD11', ones)])).valid).toBe(false);
  });
});

describe('account number length rules', () => {
  it.each([
    ['180002', '000190', '00000190', true, '6 digits are padded with two zeros'],
    ['180002', '0000190', '00000190', true, '7 digits are padded with one zero'],
    ['089999', '663749', '00663749', false, 'padding is applied before the check'],
    ['600000', '9912345679', '12345679', true, 'NatWest 10 digits: the last 8 are checked'],
    ['600000', '9912345678', '12345678', false, 'NatWest 10 digits: failing last 8'],
    ['089999', '6637495812', '66374958', true, 'Co-operative Bank 10 digits: the first 8 are checked'],
    ['089999', '6637495912', '66374959', false, 'Co-operative Bank 10 digits: failing first 8'],
  ])('%s %s checks %s, valid=%s (%s)', (sortCode, accountNumber, checkedAccount, valid) => {
    const result = checkBankDetails(sortCode, accountNumber);
    expect(result.normalised).toEqual({ sortCode, accountNumber: checkedAccount });
    expect(result).toMatchObject({ valid, checked: true });
  });

  it('Santander 9 digits: the first digit replaces the last sort-code digit', () => {
    // 090131 (MOD11, z weight 9): 9 + 8+14+18+20+20+18+14+0 = 121 = 11x11.
    expect(checkBankDetails('090136', '112345670')).toMatchObject({
      valid: true,
      checked: true,
      normalised: { sortCode: '090131', accountNumber: '12345670' },
    });
    expect(checkBankDetails('090136', '12345670').valid).toBe(false);
  });

  it.each([
    ['200000', '1234567890', '10-digit account numbers are defined only for NatWest and Co-operative Bank sort codes'],
    ['200000', '123456789', '9-digit account numbers are defined only for Santander sort codes'],
    ['083000', '1234567890', '10-digit account numbers are defined only for NatWest and Co-operative Bank sort codes'],
  ])('%s %s is invalid and unchecked: %s', (sortCode, accountNumber, reason) => {
    expect(checkBankDetails(sortCode, accountNumber)).toEqual({ valid: false, checked: false, outcome: 'UNSUPPORTED_LENGTH', reason });
  });
});

describe('malformed input', () => {
  const badSortCode = 'sort code must be 6 digits';
  const badAccount = 'account number must be 6 to 10 digits';
  it.each([
    ['a hyphenated sort code', '20-00-00', '12345678', badSortCode],
    ['a 5-digit sort code', '20000', '12345678', badSortCode],
    ['full-width sort-code digits', '２０００００', '12345678', badSortCode],
    ['a sort code with a newline', '200000\n', '12345678', badSortCode],
    ['a number for the sort code', 200000 as unknown as string, '12345678', badSortCode],
    ['a 5-digit account number', '200000', '12345', badAccount],
    ['an 11-digit account number', '200000', '12345678901', badAccount],
    ['an account number with a space', '200000', '1234 5678', badAccount],
    ['Arabic-Indic account digits', '200000', '١٢٣٤٥٦٧٨', badAccount],
    ['a 100,000-digit account number', '200000', '9'.repeat(100_000), badAccount],
    ['a number for the account number', '200000', 12345678 as unknown as string, badAccount],
  ])('%s is invalid and unchecked', (_label, sortCode, accountNumber, reason) => {
    expect(checkBankDetails(sortCode, accountNumber)).toEqual({ valid: false, checked: false, outcome: 'MALFORMED', reason });
  });
});

describe('modulus tables', () => {
  const dir = mkdtempSync(join(tmpdir(), 'modulus-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('bundles weight table v8.50 with all 1151 rows indexed', () => {
    const tables = loadModulusTables();
    expect(tables.version).toBe('v8.50');
    expect(tables.rowsFor(938611).map((r) => `${r.method}/${r.exception}`)).toEqual(['MOD11/5', 'DBLAL/5']);
    expect(tables.substituteFor('938600')).toBe('938611');
    expect(tables.substituteFor('938611')).toBeUndefined();
  });

  it('loads Vocalink text files in place of the bundled data, with no code change', () => {
    const weights = join(dir, 'valacdos.txt');
    const substitutions = join(dir, 'scsubtab.txt');
    // All-zero weights accept any account, which the bundled MOD10 row for 089999 would not.
    writeFileSync(weights, '089999 089999 MOD10    0    0    0    0    0    0    0    0    0    0    0    0    0    0\r\n');
    writeFileSync(substitutions, '938600 938611\r\n');
    const tables = loadModulusTables(weights, substitutions);
    expect(tables.version).toBe('unknown');
    expect(tables.substituteFor('938600')).toBe('938611');
    // 107999 had a MOD11 row in the bundled table; this table has none for it.
    expect(checkBankDetails('107999', '88837493', tables)).toMatchObject({ valid: true, checked: false });
    expect(checkBankDetails('089999', '66374959', tables)).toMatchObject({ valid: true, checked: true });
  });

  it('finds rows on range boundaries and none just outside them', () => {
    const tables = createModulusTables([row('100000', '100009', 'MOD10', new Array<number>(14).fill(1))]);
    expect([99999, 100000, 100009, 100010].map((s) => tables.rowsFor(s).length)).toEqual([0, 1, 1, 0]);
  });

  it('keeps table order for overlapping ranges', () => {
    const a = row('100000', '100009', 'MOD11', new Array<number>(14).fill(1));
    const b = row('100005', '100020', 'DBLAL', new Array<number>(14).fill(2));
    const tables = createModulusTables([a, b]);
    expect(tables.rowsFor(100004)).toEqual([a]);
    expect(tables.rowsFor(100005)).toEqual([a, b]);
    expect(tables.rowsFor(100015)).toEqual([b]);
  });

  it('refuses a table with three rows for one sort code', () => {
    const r = row('100000', '100000', 'MOD11', new Array<number>(14).fill(1));
    expect(() => createModulusTables([r, r, r])).toThrow('3 rows for sort code 100000');
  });

  it.each([
    ['089999 089999 MOD10 2 1 2 1 2 1 2 1 2 1 2 1 2', 'line 1: expected 17 or 18 fields, found 16'],
    ['\n089999 089998 MOD10 2 1 2 1 2 1 2 1 2 1 2 1 2 1', 'line 2: range start is after range end'],
    ['089999 089999 MOD12 2 1 2 1 2 1 2 1 2 1 2 1 2 1', 'line 1: method must be MOD10, MOD11 or DBLAL'],
    ['089999 089999 MOD10 2 1 2 1 2 1 2 1 2 1 2 1 2 x', 'line 1: there must be 14 integer weights'],
    ['089999 089999 MOD10 2 1 2 1 2 1 2 1 2 1 2 1 2 1 15', 'line 1: exception must be empty or 1-14'],
    ['089999 089999 DBLAL 2 1 2 1 2 1 2 1 2 1 2 1 2 -1', 'line 1: DBLAL weights cannot be negative'],
    ['89999 089999 MOD10 2 1 2 1 2 1 2 1 2 1 2 1 2 1', 'line 1: range start is not a 6-digit sort code'],
    ['{"rows": [["089999", "089999", "MOD10", [1], null]]}', 'row 1: there must be 14 integer weights'],
    ['{"rows": "no"}', 'must be an object with a "rows" array'],
    ['', 'modulus weight table has no rows'],
  ])('rejects a malformed weight table %j', (text, message) => {
    expect(() => parseWeightTable(text)).toThrow(message);
  });

  it.each([
    ['938600 93861', 'line 1'],
    ['938600', 'line 1'],
    ['{"substitutions": {"938600": 938611}}', 'entry 938600'],
  ])('rejects a malformed substitution table %j', (text, where) => {
    expect(() => parseSubstitutionTable(text)).toThrow(`sort-code substitution table ${where}`);
  });
});
