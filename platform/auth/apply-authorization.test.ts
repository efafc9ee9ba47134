import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, isObjectType, parse, type GraphQLSchema } from 'graphql';
import { describe, expect, it, vi } from 'vitest';

// Vite resolves 'graphql' to its ESM build while @apollo/subgraph require()s the CommonJS
// one; use the CommonJS build here too so there is one graphql instance, as under Node.
import { applyAuthorization, type AuthorizationOptions, type Refusal } from './apply-authorization.ts';
import { canReadCitizen } from './policies.ts';
import type { Principal } from './principal.ts';

interface Context {
  readonly principal?: Principal;
}

const SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@authenticated", "@requiresScopes", "@policy"])

  type Query {
    citizen(nino: String!): Citizen @requiresScopes(scopes: [["citizen:read"], ["citizen:self"]]) @policy(policies: [["mayReadCitizen"]])
    whoami: String @authenticated
    undeclared: String
    secretVia: Secret @authenticated
  }

  type Citizen @key(fields: "nino") @authenticated {
    nino: String!
    name: String @requiresScopes(scopes: [["citizen:read", "records:restricted"], ["citizen:self"]])
    bank: Bank
  }

  type Bank @requiresScopes(scopes: [["bank:full"]]) {
    accountNumber: String
  }

  type Secret @key(fields: "id") @requiresScopes(scopes: [["audit:read"]]) {
    id: ID!
    note: String
  }

  type Unruled @key(fields: "id") {
    id: ID!
    hidden: String
    open: String @authenticated
  }
`;

const loadSecret = vi.fn((ref: { id: string }) => ({ id: ref.id, note: 'sealed' }));
const resolvers = {
  Query: {
    citizen: (_: unknown, args: { nino: string }) => ({ nino: args.nino }),
    whoami: (_: unknown, __: unknown, context: Context) => context.principal?.subject,
    undeclared: () => 'should never be seen',
    secretVia: () => ({ id: 's1' }),
  },
  Citizen: {
    __resolveReference: (ref: { nino: string }) => ({ nino: ref.nino }),
    name: () => 'Alex Example',
    bank: () => ({ accountNumber: '12345678' }),
  },
  Secret: { __resolveReference: loadSecret },
  Unruled: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id, hidden: 'no rule', open: 'fine' }),
  },
};

function subgraph(sdl = SDL, overrides: Partial<AuthorizationOptions<Context>> = {}): GraphQLSchema {
  const schema = buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers: resolvers as never }]);
  return applyAuthorization<Context>(schema, {
    policies: { mayReadCitizen: (principal, _context, target) => canReadCitizen(principal, String(target.args.nino)) },
    getPrincipal: (context) => context.principal,
    ...overrides,
  });
}

function who(role: Principal['role'], scopes: string[], extra: Partial<Principal> = {}): Principal {
  return { subject: `s-${role}`, role, organisation: 'DWP', scopes: new Set(scopes), requestId: 'r', ...extra };
}

const OWN = 'AB123456C';
const agent = who('agent', ['citizen:read'], { purpose: 'CASE-1' });
const restrictedAgent = who('agent', ['citizen:read', 'records:restricted', 'bank:full'], { purpose: 'CASE-1' });
const citizen = who('citizen', ['citizen:self'], { nino: OWN });
const everything = who('auditor', ['citizen:read', 'citizen:self', 'bank:full', 'records:restricted', 'audit:read'], { purpose: 'X' });

async function run(schema: GraphQLSchema, source: string, principal?: Principal) {
  const result = await graphql({ schema, source, contextValue: principal ? { principal } : {} });
  return {
    data: result.data as Record<string, unknown> | null | undefined,
    errors: (result.errors ?? []).map((e) => ({ path: e.path?.join('.'), code: e.extensions.code, message: e.message })),
  };
}

describe('access directives after buildSubgraphSchema', () => {
  it('keeps @authenticated, @requiresScopes and @policy on field and type AST nodes', () => {
    const schema = buildSubgraphSchema([{ typeDefs: parse(SDL), resolvers: resolvers as never }]);
    const query = schema.getQueryType();
    const citizenType = schema.getType('Citizen');
    expect(query?.getFields().citizen?.astNode?.directives?.map((d) => d.name.value)).toEqual(['requiresScopes', 'policy']);
    expect(query?.getFields().whoami?.astNode?.directives?.map((d) => d.name.value)).toEqual(['authenticated']);
    expect(isObjectType(citizenType) && citizenType.astNode?.directives?.map((d) => d.name.value)).toEqual(['key', 'authenticated']);
  });
});

describe('applyAuthorization', () => {
  const schema = subgraph();

  it('refuses every guarded field with UNAUTHENTICATED when there is no principal', async () => {
    const { data, errors } = await run(schema, '{ whoami citizen(nino: "AB123456C") { nino } }');
    expect(data).toEqual({ whoami: null, citizen: null });
    expect(errors).toEqual([
      { path: 'whoami', code: 'UNAUTHENTICATED', message: 'Authentication is required to read Query.whoami' },
      { path: 'citizen', code: 'UNAUTHENTICATED', message: 'Authentication is required to read Query.citizen' },
    ]);
  });

  it('lets an authenticated caller through @authenticated', async () => {
    expect(await run(schema, '{ whoami }', citizen)).toEqual({ data: { whoami: 's-citizen' }, errors: [] });
  });

  it('denies by default a field with no rule on itself or its type, whatever the caller holds', async () => {
    const { data, errors } = await run(schema, '{ undeclared }', everything);
    expect(data).toEqual({ undeclared: null });
    expect(errors).toEqual([{ path: 'undeclared', code: 'FORBIDDEN', message: 'Not allowed to read Query.undeclared' }]);
  });

  it.each([
    ['an agent with a purpose', agent, 'AB123456C', true],
    ['an agent without a purpose (policy fails)', who('agent', ['citizen:read']), 'AB123456C', false],
    ['the citizen, own record', citizen, OWN, true],
    ['the citizen, another record (policy sees the argument)', citizen, 'CE654321A', false],
    ['a partner (no scope)', who('partner', ['check:healthy-start'], { organisation: 'NHS' }), OWN, false],
  ])('Query.citizen for %s -> allowed %s', async (_case, principal, nino, allowed) => {
    const { data, errors } = await run(schema, `{ citizen(nino: "${nino}") { nino } }`, principal);
    expect(data).toEqual({ citizen: allowed ? { nino } : null });
    expect(errors).toEqual(allowed ? [] : [{ path: 'citizen', code: 'FORBIDDEN', message: 'Not allowed to read Query.citizen' }]);
  });

  it.each([
    ['citizen:read alone (inner list is AND)', agent, false],
    ['citizen:read and records:restricted', restrictedAgent, true],
    ['citizen:self (outer list is OR)', citizen, true],
  ])('Citizen.name with %s -> allowed %s', async (_case, principal, allowed) => {
    const { data, errors } = await run(schema, `{ citizen(nino: "${OWN}") { nino name } }`, principal);
    expect(data).toEqual({ citizen: { nino: OWN, name: allowed ? 'Alex Example' : null } });
    expect(errors.map((e) => e.code)).toEqual(allowed ? [] : ['FORBIDDEN']);
  });

  it('applies a type-level rule to every field of the type', async () => {
    const denied = await run(schema, `{ citizen(nino: "${OWN}") { bank { accountNumber } } }`, agent);
    expect(denied.errors).toEqual([{ path: 'citizen.bank', code: 'FORBIDDEN', message: 'Not allowed to read Citizen.bank' }]);
    const allowed = await run(schema, `{ citizen(nino: "${OWN}") { bank { accountNumber } } }`, restrictedAgent);
    expect(allowed).toEqual({ data: { citizen: { bank: { accountNumber: '12345678' } } }, errors: [] });
  });

  it('checks the return type\'s rule on the field that returns it, before its resolver runs', async () => {
    const { data, errors } = await run(schema, '{ secretVia { id } }', agent);
    expect(data).toEqual({ secretVia: null });
    expect(errors).toEqual([{ path: 'secretVia', code: 'FORBIDDEN', message: 'Not allowed to read Query.secretVia' }]);
  });

  describe('through _entities', () => {
    const entities = (typename: string, key: Record<string, string>, selection: string) =>
      `{ _entities(representations: [${JSON.stringify({ __typename: typename, ...key }).replace(/"(\w+)":/g, '$1:')}]) { ... on ${typename} { ${selection} } } }`;

    it('refuses a forbidden field of an entity and still returns the allowed ones', async () => {
      const { data, errors } = await run(schema, entities('Citizen', { nino: OWN }, 'nino name'), agent);
      expect(data).toEqual({ _entities: [{ nino: OWN, name: null }] });
      expect(errors).toEqual([{ path: '_entities.0.name', code: 'FORBIDDEN', message: 'Not allowed to read Citizen.name' }]);
    });

    it('refuses an entity field with no rule (deny by default)', async () => {
      const { data, errors } = await run(schema, entities('Unruled', { id: 'u1' }, 'open hidden'), everything);
      expect(data).toEqual({ _entities: [{ open: 'fine', hidden: null }] });
      expect(errors).toEqual([{ path: '_entities.0.hidden', code: 'FORBIDDEN', message: 'Not allowed to read Unruled.hidden' }]);
    });

    it('checks the entity type\'s own rule before __resolveReference loads anything', async () => {
      loadSecret.mockClear();
      const { data, errors } = await run(schema, entities('Secret', { id: 's1' }, 'note'), agent);
      expect(data).toEqual({ _entities: [null] });
      expect(errors).toEqual([{ path: '_entities.0', code: 'FORBIDDEN', message: 'Not allowed to read Secret' }]);
      expect(loadSecret).not.toHaveBeenCalled();

      const allowed = await run(schema, entities('Secret', { id: 's1' }, 'note'), everything);
      expect(allowed).toEqual({ data: { _entities: [{ note: 'sealed' }] }, errors: [] });
      expect(loadSecret).toHaveBeenCalledOnce();
    });

    it('refuses one entity without failing the others in the same batch', async () => {
      const source = `{ _entities(representations: [{ __typename: "Citizen", nino: "${OWN}" }, { __typename: "Secret", id: "s1" }]) { ... on Citizen { nino } ... on Secret { note } } }`;
      const { data, errors } = await run(schema, source, agent);
      expect(data).toEqual({ _entities: [{ nino: OWN }, null] });
      expect(errors.map((e) => e.path)).toEqual(['_entities.1']);
    });

    it('refuses entities without a principal', async () => {
      const { errors } = await run(schema, entities('Citizen', { nino: OWN }, 'nino'));
      expect(errors.map((e) => e.code)).toEqual(['UNAUTHENTICATED']);
    });
  });

  it('leaves introspection and _service to the gateway\'s own controls', async () => {
    const { data, errors } = await run(schema, '{ __schema { queryType { name } } _service { sdl } }');
    expect(errors).toEqual([]);
    expect(data).toMatchObject({ __schema: { queryType: { name: 'Query' } }, _service: { sdl: expect.stringContaining('@requiresScopes') } });
  });

  it('tells onRefused of each refusal, with the object and arguments it concerned', async () => {
    const refusals: Refusal[] = [];
    const observed = subgraph(SDL, { onRefused: (refusal) => refusals.push(refusal) });
    await run(observed, `{ undeclared citizen(nino: "${OWN}") { name } }`, agent);
    expect(refusals).toEqual([
      { typeName: 'Query', fieldName: 'undeclared', code: 'FORBIDDEN', args: {}, source: undefined },
      { typeName: 'Citizen', fieldName: 'name', code: 'FORBIDDEN', args: {}, source: { nino: OWN } },
    ]);
  });
});

describe('directive names from the federation @link', () => {
  const renamed = `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", { name: "@requiresScopes", as: "@scopes" }])
    type Query {
      viaAlias: String @scopes(scopes: [["bank:full"]])
      viaPrefix: String @federation__policy(policies: [["holdsFullBank"]])
      viaAuthenticated: String @federation__authenticated
    }
  `;
  const resolvers2 = { Query: { viaAlias: () => 'a', viaPrefix: () => 'p', viaAuthenticated: () => 'x' } };
  const schema = applyAuthorization<Context>(buildSubgraphSchema([{ typeDefs: parse(renamed), resolvers: resolvers2 as never }]), {
    policies: { holdsFullBank: (principal) => principal.scopes.has('bank:full') },
    getPrincipal: (context) => context.principal,
  });

  it('enforces a renamed import and an unimported, prefixed directive', async () => {
    const { data, errors } = await run(schema, '{ viaAlias viaPrefix viaAuthenticated }', agent);
    expect(data).toEqual({ viaAlias: null, viaPrefix: null, viaAuthenticated: 'x' });
    expect(errors.map((e) => e.path)).toEqual(['viaAlias', 'viaPrefix']);
    expect((await run(schema, '{ viaAlias viaPrefix }', restrictedAgent)).data).toEqual({ viaAlias: 'a', viaPrefix: 'p' });
  });
});

describe('startup checks', () => {
  it.each([
    ['an unknown policy', SDL, /Query\.citizen: unknown policy "mayReadCitizen"/, {}],
    ['an unknown scope', SDL.replace('["bank:full"]', '["bank:fulll"]'), /Bank: unknown scope "bank:fulll"/, { policies: { mayReadCitizen: () => true } }],
    ['a malformed scopes argument', SDL.replace('[["bank:full"]]', '[]'), /non-empty list/, { policies: { mayReadCitizen: () => true } }],
  ])('refuses to build with %s', (_case, sdl, message, options) => {
    const schema = buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers: resolvers as never }]);
    expect(() => applyAuthorization<Context>(schema, { policies: {}, getPrincipal: (c) => c.principal, ...options })).toThrow(message);
  });
});
