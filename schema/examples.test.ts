import { describe, expect, it } from 'vitest';
import { loadExamples } from './examples.ts';

const fence = '```';
const README = `# Title

${fence}sh
curl -H 'x-purpose: CASE-9'
${fence}

### As a caseworker (role \`agent\`)

${fence}graphql
query One { citizen(nino: "SC100021A") { nino } }
query Two { citizens(ninos: []) { nino } addressLookup(postcode: "LS8 6UB") { postcode } }
${fence}

### As a citizen

${fence}sh
TOKEN=$(npm run --silent token -- --role citizen --nino SC300047C)
${fence}
${fence}graphql
query Me { citizen(nino: "SC300047C") { nino } }
${fence}

### As a partner body

${fence}sh
curl -d '{"variables":{"nino":"SC200081A"},"extensions":{}}'
${fence}

| operation | id (SHA-256 of its body) | scope |
|---|---|---|
| HealthyStartCheck | \`${'0'.repeat(64)}\` | \`check:healthy-start\` |
`;

describe('the example operations', () => {
  it('takes each README operation with the caller its section is for, and the purpose the README declares', () => {
    const examples = loadExamples(README).filter((example) => example.audience !== 'partner');
    expect(examples.map(({ name, audience, rootFields, purpose, tokenArguments }) => ({ name, audience, rootFields, purpose, tokenArguments }))).toEqual([
      { name: 'One', audience: 'agent', rootFields: ['citizen'], purpose: 'CASE-9', tokenArguments: '--role agent' },
      { name: 'Two', audience: 'agent', rootFields: ['citizens', 'addressLookup'], purpose: 'CASE-9', tokenArguments: '--role agent' },
      { name: 'Me', audience: 'citizen', rootFields: ['citizen'], purpose: undefined, tokenArguments: '--role citizen --nino SC300047C' },
    ]);
    expect(examples[2]!.caller).toEqual({ role: 'citizen', nino: 'SC300047C' });
  });

  it('offers every persisted operation as a partner example, with the README\'s variables and the scope its table names', () => {
    const partner = loadExamples(README).filter((example) => example.audience === 'partner');
    expect(partner.length).toBeGreaterThanOrEqual(6);
    const healthyStart = partner.find((example) => example.name === 'HealthyStartCheck')!;
    expect(healthyStart).toMatchObject({ variables: { nino: 'SC200081A' }, caller: { role: 'partner', org: 'NHS', scopes: ['check:healthy-start'] } });
    expect(healthyStart.persistedId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses GraphQL under a heading no kind of user is known for', () => {
    expect(() => loadExamples(`${README}\n### As a stranger\n\n${fence}graphql\nquery X { a }\n${fence}\n`)).toThrow(/As a stranger/);
  });
});
