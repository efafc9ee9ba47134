import { GraphQLError, GraphQLScalarType, Kind, printType } from 'graphql';
import type { ValueNode } from 'graphql';
import { parseAccountNumber } from './account-number.ts';
import type { AccountNumber } from './account-number.ts';
import { parseDate } from './date.ts';
import type { IsoDate } from './date.ts';
import { invalidInput } from './input-error.ts';
import type { DomainErrorCode } from './input-error.ts';
import { formatMoney, parseMoney } from './money.ts';
import type { Pence } from './money.ts';
import { parseNino } from './nino.ts';
import type { Nino } from './nino.ts';
import { parsePostcode } from './postcode.ts';
import type { Postcode } from './postcode.ts';
import { formatSortCode, parseSortCode } from './sort-code.ts';
import type { SortCode } from './sort-code.ts';

interface DomainScalarConfig<Internal> {
  name: string;
  description: string;
  code: DomainErrorCode;
  /** Shown in the message when a literal of the wrong kind is given. */
  example: string;
  /** Client input (variable value or literal text) to the internal value. */
  parse: (input: unknown) => Internal;
  /** Internal value (from a resolver) to the wire form. */
  serialize: (value: unknown) => string;
  literalKinds: readonly Kind[];
}

const LITERAL_NAMES: Partial<Record<Kind, string>> = {
  [Kind.INT]: 'a number',
  [Kind.FLOAT]: 'a number',
  [Kind.BOOLEAN]: 'a boolean',
  [Kind.ENUM]: 'a bare word',
  [Kind.LIST]: 'a list',
  [Kind.OBJECT]: 'an object',
};

function literalText(ast: ValueNode): string | undefined {
  return ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT ? ast.value : undefined;
}

/**
 * A scalar whose parsing is a domain parser: bad client input throws that parser's
 * ValidationError (a GraphQLError with `extensions.code`), while a bad value from a
 * resolver is our bug, so it throws an uncoded error that masking turns into an internal
 * error without echoing the server's data.
 */
function domainScalar<Internal>(config: DomainScalarConfig<Internal>): GraphQLScalarType<Internal, string> {
  return new GraphQLScalarType<Internal, string>({
    name: config.name,
    description: config.description,
    serialize(value) {
      try {
        return config.serialize(value);
      } catch {
        throw new GraphQLError(`A ${config.name} value produced by the server is not valid`);
      }
    },
    parseValue: config.parse,
    parseLiteral(ast) {
      const text = literalText(ast);
      if (text === undefined || !config.literalKinds.includes(ast.kind)) {
        const found = LITERAL_NAMES[ast.kind] ?? 'that';
        throw invalidInput(config.code, `${config.name} must be written as a string, e.g. ${config.example}, not as ${found}`);
      }
      return config.parse(text);
    },
  });
}

export const NinoScalar = domainScalar<Nino>({
  name: 'NINO',
  description:
    'A UK National Insurance number: two prefix letters, six digits and a suffix A-D, e.g. `AB123456C`. ' +
    'Input may have spaces and lower case (`ab 12 34 56 c`); output is upper case without spaces. ' +
    'Neither prefix letter is D, F, I, Q, U or V, the second is never O, and BG, GB, KN, NK, NT, TN and ZZ are not used. ' +
    'A Temporary Reference Number (TRN) is not a NINO. Invalid input fails with code INVALID_NINO.',
  code: 'INVALID_NINO',
  example: '"AB 12 34 56 C"',
  parse: parseNino,
  serialize: parseNino,
  literalKinds: [Kind.STRING],
});

export const PostcodeScalar = domainScalar<Postcode>({
  name: 'Postcode',
  description:
    'A UK postcode, e.g. `LS1 4AP`. Input may be any case, with or without the space; output is upper case ' +
    'with one space before the inward code. The shape and letter rules are checked, not whether the postcode exists. ' +
    'Invalid input fails with code INVALID_POSTCODE.',
  code: 'INVALID_POSTCODE',
  example: '"LS1 4AP"',
  parse: parsePostcode,
  serialize: parsePostcode,
  literalKinds: [Kind.STRING],
});

export const SortCodeScalar = domainScalar<SortCode>({
  name: 'SortCode',
  description:
    'A UK bank sort code, output as `20-00-00`. Input may be `20-00-00`, `20 00 00` or `200000`. ' +
    'Invalid input fails with code INVALID_SORT_CODE.',
  code: 'INVALID_SORT_CODE',
  example: '"20-00-00"',
  parse: parseSortCode,
  serialize: (value) => formatSortCode(parseSortCode(value)),
  literalKinds: [Kind.STRING],
});

export const AccountNumberScalar = domainScalar<AccountNumber>({
  name: 'AccountNumber',
  description:
    'A UK bank account number, digits only, usually 8, e.g. `12345678`. 6 and 7-digit numbers are zero-padded to 8; ' +
    '9 and 10-digit numbers (Santander, NatWest, Co-operative Bank) are kept whole. Whether the number suits the ' +
    'sort code is a separate modulus check. Invalid input fails with code INVALID_ACCOUNT_NUMBER.',
  code: 'INVALID_ACCOUNT_NUMBER',
  example: '"12345678"',
  parse: parseAccountNumber,
  serialize: parseAccountNumber,
  literalKinds: [Kind.STRING],
});

export const DateScalar = domainScalar<IsoDate>({
  name: 'Date',
  description:
    'A calendar date written `YYYY-MM-DD` (ISO 8601), with no time or time zone, e.g. `2026-04-06`. ' +
    'Only real dates are accepted: `2026-02-30` is not. Invalid input fails with code INVALID_DATE.',
  code: 'INVALID_DATE',
  example: '"2026-04-06"',
  parse: parseDate,
  serialize: parseDate,
  literalKinds: [Kind.STRING],
});

export const MoneyScalar = domainScalar<Pence>({
  name: 'Money',
  description:
    'An amount in pounds sterling, output as a string with exactly two decimal places, e.g. `"241.30"`. ' +
    'Input may be a string or a number with at most two decimal places (`"241.3"`, `241.30`). Never negative: ' +
    'deductions and overpayments are positive amounts in fields named for them. Invalid input fails with code INVALID_MONEY.',
  code: 'INVALID_MONEY',
  example: '"241.30"',
  parse: parseMoney,
  // formatMoney checks at run time that a resolver really returned whole pence.
  serialize: (value) => formatMoney(value as number),
  literalKinds: [Kind.STRING, Kind.INT, Kind.FLOAT],
});

/** Resolvers for the domain scalars, keyed by scalar name, for `buildSubgraphSchema({ typeDefs, resolvers })`. */
export const scalarResolvers = {
  NINO: NinoScalar,
  Postcode: PostcodeScalar,
  SortCode: SortCodeScalar,
  AccountNumber: AccountNumberScalar,
  Date: DateScalar,
  Money: MoneyScalar,
} as const;

/** SDL declaring every domain scalar with its description, for a subgraph's type definitions. */
export const scalarTypeDefs: string = Object.values(scalarResolvers).map((scalar) => printType(scalar)).join('\n\n') + '\n';
