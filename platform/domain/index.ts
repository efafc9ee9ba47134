/**
 * Domain values shared by every subgraph and the population generator: parsers that
 * normalise and validate, the GraphQL scalars built on them, calendar arithmetic on ISO
 * dates, and bank modulus checking.
 * Every parser throws a ValidationError (platform/errors) whose `extensions.code` is one
 * of INVALID_NINO, INVALID_POSTCODE, INVALID_SORT_CODE, INVALID_ACCOUNT_NUMBER,
 * INVALID_DATE or INVALID_MONEY.
 */
export { formatNino, isNino, parseNino } from './nino.ts';
export type { Nino } from './nino.ts';
export { outwardCode, parsePostcode } from './postcode.ts';
export type { Postcode } from './postcode.ts';
export { formatSortCode, parseSortCode } from './sort-code.ts';
export type { SortCode } from './sort-code.ts';
export { parseAccountNumber } from './account-number.ts';
export type { AccountNumber } from './account-number.ts';
export { parseDate } from './date.ts';
export type { IsoDate } from './date.ts';
export { addDays, addMonthsClamped, addMonthsOnDay, addYears, ageOn, calendarMonthsBetween, dateParts, daysBetween, earliest, fromDayNumber, isoWeekday, maxDate, minDate, onOrAfterWeekday, toDayNumber } from './calendar.ts';
export { formatMoney, isPence, parseMoney } from './money.ts';
export type { Pence } from './money.ts';
export type { DomainErrorCode } from './input-error.ts';
export {
  AccountNumberScalar,
  DateScalar,
  MoneyScalar,
  NinoScalar,
  PostcodeScalar,
  SortCodeScalar,
  scalarResolvers,
  scalarTypeDefs,
} from './scalars.ts';
export {
  bundledModulusTables,
  checkBankDetails,
  createModulusTables,
  loadModulusTables,
} from './modulus/index.ts';
export type { ModulusOutcome, ModulusResult, ModulusTables } from './modulus/index.ts';
