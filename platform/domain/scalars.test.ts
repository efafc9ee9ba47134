import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, GraphQLScalarType, Kind, parse } from 'graphql';
import type { ScalarTypeDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { scalarResolvers, scalarTypeDefs } from './scalars.ts';

// Vite resolves 'graphql' to its ESM build while @apollo/subgraph require()s the CommonJS
// one; use the CommonJS build everywhere so there is one graphql instance, as under Node.

const typeDefs = parse(`
  ${scalarTypeDefs}
  type Query {
    nino(value: NINO!): NINO!
    postcode(value: Postcode!): Postcode!
    sortCode(value: SortCode!): SortCode!
    accountNumber(value: AccountNumber!): AccountNumber!
    date(value: Date!): Date!
    money(value: Money!): Money!
    "Echoes the internal value a resolver receives, to show what parseValue produced."
    internal(nino: NINO, sortCode: SortCode, money: Money): String!
    resolverReturns(type: String!): Returns!
  }
  type Returns {
    nino: NINO
    money: Money
    date: Date
  }
`);

const echo = (_: unknown, { value }: { value: unknown }) => value;
const schema = buildSubgraphSchema({
  typeDefs,
  resolvers: {
    ...scalarResolvers,
    Query: {
      nino: echo,
      postcode: echo,
      sortCode: echo,
      accountNumber: echo,
      date: echo,
      money: echo,
      internal: (_: unknown, args: Record<string, unknown>) => JSON.stringify(args),
      resolverReturns: (_: unknown, { type }: { type: string }) =>
        type === 'bad' ? { nino: 'AB123456 XYZ', money: 241.3, date: '2026-02-30' } : { nino: 'ab 12 34 56 c', money: 24130, date: '2026-04-06' },
    },
  },
});

async function run(source: string, variableValues?: Record<string, unknown>) {
  return graphql({ schema, source, variableValues });
}

describe('scalarTypeDefs', () => {
  it('declares the six scalars, each with its description', () => {
    const definitions = parse(scalarTypeDefs).definitions as ScalarTypeDefinitionNode[];
    expect(definitions.map((d) => d.kind)).toEqual(new Array(6).fill(Kind.SCALAR_TYPE_DEFINITION));
    expect(definitions.map((d) => d.name.value)).toEqual(['NINO', 'Postcode', 'SortCode', 'AccountNumber', 'Date', 'Money']);
    for (const definition of definitions) {
      const scalar = scalarResolvers[definition.name.value as keyof typeof scalarResolvers];
      expect(definition.description?.value).toBe(scalar.description);
      expect(definition.description?.value).toMatch(/fails with code INVALID_/);
    }
  });

  it('keys scalarResolvers by scalar name', () => {
    for (const [name, scalar] of Object.entries(scalarResolvers)) {
      expect(scalar).toBeInstanceOf(GraphQLScalarType);
      expect(scalar.name).toBe(name);
    }
  });
});

describe('valid input, as variables and as literals', () => {
  it.each([
    ['nino', 'NINO', 'ab 12 34 56 c', '"ab 12 34 56 c"', 'AB123456C'],
    ['postcode', 'Postcode', 'ls14ap', '"ls14ap"', 'LS1 4AP'],
    ['sortCode', 'SortCode', '200000', '"20 00 00"', '20-00-00'],
    ['accountNumber', 'AccountNumber', '123456', '"123456"', '00123456'],
    ['date', 'Date', '2024-02-29', '"2024-02-29"', '2024-02-29'],
    ['money', 'Money', 241.3, '241.3', '241.30'],
    ['money', 'Money', '241.3', '"241.3"', '241.30'],
    ['money', 'Money', 241, '241', '241.00'],
  ])('%s: %s %j comes back as %s', async (field, type, variable, literal, expected) => {
    const viaVariable = await run(`query ($v: ${type}!) { ${field}(value: $v) }`, { v: variable });
    expect(viaVariable).toEqual({ data: { [field]: expected } });
    const viaLiteral = await run(`{ ${field}(value: ${literal}) }`);
    expect(viaLiteral).toEqual({ data: { [field]: expected } });
  });

  it('hands resolvers the normalised internal values: NINO compact, sort code digits, money in pence', async () => {
    const result = await run('query ($m: Money) { internal(nino: "ab 12 34 56 c", sortCode: "20-00-00", money: $m) }', { m: '86.45' });
    expect(JSON.parse(result.data?.internal as string)).toEqual({ nino: 'AB123456C', sortCode: '200000', money: 8645 });
  });
});

describe('invalid input', () => {
  it.each([
    ['nino', 'NINO', 'xx', 'INVALID_NINO', "NINO must be two prefix letters, six digits and a suffix A-D, e.g. AB 12 34 56 C; 'xx' is not valid"],
    ['nino', 'NINO', '11 A1 11 11', 'INVALID_NINO', 'This is a Temporary Reference Number (TRN), not a NINO; a TRN gives no access to benefits'],
    ['postcode', 'Postcode', 'LS1 4CP', 'INVALID_POSTCODE', "Postcode 'LS1 4CP' breaks the letter rules"],
    ['sortCode', 'SortCode', '20/00/00', 'INVALID_SORT_CODE', "Sort code must be six digits, e.g. 20-00-00, 20 00 00 or 200000; '20/00/00' is not valid"],
    ['accountNumber', 'AccountNumber', '12345', 'INVALID_ACCOUNT_NUMBER', "Account number must be 6 to 10 digits, usually 8, e.g. 12345678; '12345' is not valid"],
    ['date', 'Date', '2026-02-30', 'INVALID_DATE', "Date must be a real calendar date written YYYY-MM-DD, e.g. 2026-04-06; '2026-02-30' is not valid"],
    ['money', 'Money', '-1.00', 'INVALID_MONEY', "Money must be an amount in pounds with at most two decimal places and no sign, e.g. 241.30; '-1.00' is not valid"],
  ])('%s: %s %j fails with %s', async (field, type, value, code, message) => {
    const viaLiteral = await run(`{ ${field}(value: ${JSON.stringify(value)}) }`);
    expect(viaLiteral.data).toBeUndefined();
    expect(viaLiteral.errors?.[0]?.extensions).toEqual({ code });
    expect(viaLiteral.errors?.[0]?.message).toContain(message);

    // graphql-js prefixes variable errors with its own text but keeps our extensions.
    const viaVariable = await run(`query ($v: ${type}!) { ${field}(value: $v) }`, { v: value });
    expect(viaVariable.errors?.[0]?.extensions).toEqual({ code });
    expect(viaVariable.errors?.[0]?.message).toContain(message);
  });

  it.each([
    ['nino', '123456', 'INVALID_NINO', 'NINO must be written as a string, e.g. "AB 12 34 56 C", not as a number'],
    ['sortCode', '200000', 'INVALID_SORT_CODE', 'SortCode must be written as a string, e.g. "20-00-00", not as a number'],
    ['date', 'TODAY', 'INVALID_DATE', 'Date must be written as a string, e.g. "2026-04-06", not as a bare word'],
    ['postcode', '["LS1 4AP"]', 'INVALID_POSTCODE', 'Postcode must be written as a string, e.g. "LS1 4AP", not as a list'],
    ['money', 'true', 'INVALID_MONEY', 'Money must be written as a string, e.g. "241.30", not as a boolean'],
    ['accountNumber', '{n: 1}', 'INVALID_ACCOUNT_NUMBER', 'AccountNumber must be written as a string, e.g. "12345678", not as an object'],
  ])('%s given the literal %s fails with %s', async (field, literal, code, message) => {
    const result = await run(`{ ${field}(value: ${literal}) }`);
    expect(result.errors?.[0]?.extensions).toEqual({ code });
    expect(result.errors?.[0]?.message).toBe(message);
  });

  it('reads a Money float literal from its source text, so 241.305 is refused rather than rounded', async () => {
    const result = await run('{ money(value: 241.305) }');
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'INVALID_MONEY' });
  });

  it.each([
    ['a megabyte string', 'x'.repeat(1_000_000)],
    ['control characters', 'AB\u0000\u001b[2J123456C'],
    ['a number', 123456],
    ['an object', { nino: 'AB123456C' }],
    ['a list', ['AB123456C']],
  ])('refuses %s as a NINO variable with a short, clean message of our own', async (_label, value) => {
    const result = await run('query ($v: NINO!) { nino(value: $v) }', { v: value });
    const error = result.errors?.[0];
    expect(error?.extensions).toEqual({ code: 'INVALID_NINO' });
    expect(error?.originalError?.message.length).toBeLessThan(200);
    expect(error?.originalError?.message).not.toMatch(/[\p{C}]/u);
  });
});

describe('values from resolvers', () => {
  it('serialises internal values to the wire form', async () => {
    const result = await run('{ resolverReturns(type: "good") { nino money date } }');
    expect(result).toEqual({ data: { resolverReturns: { nino: 'AB123456C', money: '241.30', date: '2026-04-06' } } });
  });

  it('fails each bad field with an uncoded error that does not echo the value, so masking treats it as internal', async () => {
    const result = await run('{ resolverReturns(type: "bad") { nino money date } }');
    expect(result.data).toEqual({ resolverReturns: { nino: null, money: null, date: null } });
    expect(result.errors?.map((e) => [e.message, e.extensions])).toEqual([
      ['A NINO value produced by the server is not valid', {}],
      ['A Money value produced by the server is not valid', {}],
      ['A Date value produced by the server is not valid', {}],
    ]);
  });
});
