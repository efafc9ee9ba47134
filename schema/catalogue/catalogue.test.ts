import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SUBGRAPH_NAMES } from '../../platform/config/index.ts';
import { buildCatalogue, CatalogueError, subgraphSources, type SubgraphMetadata, type SubgraphSource } from './catalogue.ts';
import { parseChangelog } from './changelog.ts';
import { temporaryDirectory } from '../../test/temporary-directory.ts';

const METADATA: SubgraphMetadata = {
  purpose: 'Test things.',
  owner: { team: 'Test team', contact: 'test@dwp.example' },
  dataOwner: 'Head of Tests',
  serviceLevel: { availability: '99%', latencyP99Ms: 100, support: 'Never' },
};

const SDL = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@authenticated", "@requiresScopes", "@policy"])
"Root."
type Query {
  "Open to auditors only."
  open: Thing @requiresScopes(scopes: [["audit:read"], ["citizen:read", "bank:full"]])
  "Declares nothing."
  closed: String
}
"A thing."
type Thing @policy(policies: [["purpose-declared"]]) {
  "Its name."
  name: String @authenticated
}
`;

/** A subgraph folder of its own: its factory opens a CIS client, and it has the metadata given (none when undefined). */
function fakeSubgraph(name: string, metadata: unknown): SubgraphSource {
  const dir = temporaryDirectory(`catalogue-${name}`);
  writeFileSync(join(dir, 'index.ts'), 'createLegacyClient(config.legacy.cis, deps.clientOptions);\n');
  if (metadata !== undefined) writeFileSync(join(dir, 'catalogue.json'), JSON.stringify(metadata));
  return { name, typeDefs: parse(SDL), folder: pathToFileURL(`${dir}/`) };
}

describe('the API catalogue', () => {
  it('describes every subgraph in the one list, each with its owner, contact, data owner and service level', () => {
    const catalogue = buildCatalogue();
    expect(catalogue.subgraphs.map((subgraph) => subgraph.name)).toEqual([...SUBGRAPH_NAMES]);
    for (const subgraph of catalogue.subgraphs) {
      expect(subgraph.owner.team, subgraph.name).not.toBe('');
      expect(subgraph.owner.contact, subgraph.name).toMatch(/@/);
      expect(subgraph.dataOwner, subgraph.name).not.toBe('');
    }
    // Every domain subgraph reads the legacy estate; the audit subgraph reads only the access audit this system keeps.
    expect(catalogue.subgraphs.filter((subgraph) => subgraph.legacySystems.length === 0).map((subgraph) => subgraph.name)).toEqual(['audit']);
  });

  it('fails, naming the subgraph, when one has no catalogue.json', () => {
    const build = () => buildCatalogue({ subgraphs: [...subgraphSources(), fakeSubgraph('changes', undefined)] });
    expect(build).toThrow(CatalogueError);
    expect(build).toThrow(/changes: no catalogue\.json/);
  });

  it('fails when an owner is missing or blank', () => {
    const { owner: _owner, ...ownerless } = METADATA;
    expect(() => buildCatalogue({ subgraphs: [fakeSubgraph('ownerless', ownerless)] })).toThrow(/ownerless: catalogue\.json owner/);
    expect(() => buildCatalogue({ subgraphs: [fakeSubgraph('blank', { ...METADATA, owner: { team: ' ', contact: 'x@dwp.example' } })] })).toThrow(/blank: catalogue\.json owner\.team/);
  });

  it('reads the access each field requires from the SDL\'s directives, its type\'s and its return type\'s', () => {
    const [subgraph] = buildCatalogue({ subgraphs: [fakeSubgraph('things', METADATA)] }).subgraphs;
    const open = subgraph!.operations.find((operation) => operation.name === 'open')!;
    expect(open.access).toEqual({ declared: true, requires: ['scope audit:read, or citizen:read and bank:full', 'policy purpose-declared'] });
    expect(subgraph!.operations.find((operation) => operation.name === 'closed')!.access).toEqual({ declared: false, requires: [] });
    expect(subgraph!.types.find((type) => type.name === 'Thing')!.fields[0]!.access).toEqual({ declared: true, requires: ['policy purpose-declared'] });
    expect(subgraph!.legacySystems).toEqual([{ id: 'cis', name: 'Customer Information System (CIS)' }]);
  });

  it('shows the real schema\'s rules: a citizen\'s record for staff or the citizen, the partner checks by their own scope', () => {
    const catalogue = buildCatalogue();
    const operation = (subgraph: string, name: string) => catalogue.subgraphs.find((entry) => entry.name === subgraph)!.operations.find((entry) => entry.name === name)!;
    expect(operation('identity', 'citizen').access.requires).toEqual(['scope citizen:read, or citizen:self', 'policy citizen-record']);
    expect(operation('awards', 'prescriptionExemption').access.requires).toEqual(['scope check:prescription-exemption']);
    const bankAccount = catalogue.subgraphs.find((entry) => entry.name === 'bank')!.types.find((type) => type.name === 'Citizen')!.fields.find((field) => field.name === 'bankAccount')!;
    expect(bankAccount.access.requires).toContain('policy citizen-record');
    expect(catalogue.subgraphs.find((entry) => entry.name === 'awards')!.legacySystems.map((system) => system.id)).toEqual(['cis', 'uc', 'pscs', 'disability', 'jsaps']);
  });

  it('files each example operation under the operations it calls', () => {
    const catalogue = buildCatalogue();
    const operation = (subgraph: string, name: string) => catalogue.subgraphs.find((entry) => entry.name === subgraph)!.operations.find((entry) => entry.name === name)!;
    expect(operation('identity', 'citizen').examples).toEqual(['WholeCitizen', 'Timeline', 'Payments', 'PartnerReview', 'Progress', 'Me', 'MyTimeline', 'MyChanges']);
    expect(operation('identity', 'traceCitizen').examples).toEqual(['Trace']);
    expect(operation('awards', 'healthyStart').examples).toEqual(['HealthyStartCheck']);
  });

  it('shows what changed between versions from the schema changelog, and under each operation it names', () => {
    const dir = temporaryDirectory('catalogue-changelog');
    writeFileSync(
      join(dir, 'CHANGELOG.md'),
      '# Schema changelog\n\n## Unreleased\n\n### Breaking changes accepted\n\n<!-- e.g. - `Citizen.nickname`: removed -->\n\n## 2026-12-01\n\n### Every change (from the schema diff)\n\n- **Breaking** `Query.citizen.nino`: type changed\n- `Citizen.nickname`: added\n\n## 2026-11-30\n\nThe first released baseline.\n',
    );
    const catalogue = buildCatalogue({ changelog: pathToFileURL(join(dir, 'CHANGELOG.md')) });
    expect(catalogue.releases.map((release) => release.title)).toEqual(['2026-12-01', '2026-11-30']);
    const citizen = catalogue.subgraphs.find((entry) => entry.name === 'identity')!.operations.find((entry) => entry.name === 'citizen')!;
    expect(citizen.changes).toEqual([{ release: '2026-12-01', text: '**Breaking** `Query.citizen.nino`: type changed' }]);
    expect(buildCatalogue({ changelog: pathToFileURL(join(dir, 'missing.md')) }).releases).toEqual([]);
  });

  it('reads a changelog\'s releases, their prose and each change\'s coordinate', () => {
    expect(parseChangelog('# Log\n\n## 1.1\n\nSome words.\n\n- `Query.a`: removed\n- a line naming nothing\n')).toEqual([
      { title: '1.1', summary: 'Some words.', entries: [{ coordinate: 'Query.a', text: '`Query.a`: removed' }, { text: 'a line naming nothing' }] },
    ]);
  });
});
