/**
 * UK bank-details modulus checking (Pay.UK / Vocalink specification), with the weight
 * table kept as a replaceable data file.
 */
export { checkBankDetails } from './check.ts';
export type { ModulusOutcome, ModulusResult } from './check.ts';
export { bundledModulusTables, createModulusTables, loadModulusTables } from './tables.ts';
export type { ModulusTables } from './tables.ts';
export { parseSubstitutionTable, parseWeightTable } from './table-files.ts';
export type { ModulusMethod, SubstitutionTableFile, WeightRow, WeightTableFile } from './table-files.ts';
