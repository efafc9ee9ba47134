import { existsSync, readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { isObjectType, type DocumentNode, type GraphQLField, type GraphQLObjectType } from 'graphql';
import { z } from 'zod';
import { accessDirectiveNames, accessRuleFor, type AccessGate } from '../../platform/auth/index.ts';
import { LEGACY_SYSTEM_TITLES, LEGACY_SYSTEMS, SUBGRAPH_NAMES, type LegacySystem } from '../../platform/config/index.ts';
import { ACCESS_POLICY_DESCRIPTIONS } from '../../platform/subgraph/index.ts';
import { SUBGRAPHS } from '../../subgraphs/index.ts';
import { loadExamples, type ExampleOperation } from '../examples.ts';
import { readChangelog, type Release } from './changelog.ts';

/**
 * The API catalogue: every subgraph and operation with who owns it, what it promises, the
 * legacy systems behind it and the access each field requires. Only the ownership and
 * service facts are written by hand, in one small `catalogue.json` per subgraph; everything
 * else is read from the code (the SDL and its access directives, the legacy systems each
 * subgraph's factory configures, the README's examples, the schema changelog), so it cannot
 * drift from what is served.
 */

const nonEmpty = z.string().trim().min(1);

/** What a subgraph's `catalogue.json` holds. */
export const subgraphMetadataSchema = z.strictObject({
  /** What the subgraph is for, in a sentence a consuming team would search for. */
  purpose: nonEmpty,
  owner: z.strictObject({
    /** The team that builds and runs it. */
    team: nonEmpty,
    /** Where to ask about it (a mailbox or channel). */
    contact: nonEmpty,
  }),
  /** Who is accountable for the data it serves (the business owner, not the builder). */
  dataOwner: nonEmpty,
  serviceLevel: z.strictObject({
    availability: nonEmpty,
    /** 99th-percentile response time the team commits to, in milliseconds. */
    latencyP99Ms: z.number().int().positive(),
    support: nonEmpty,
  }),
});
export type SubgraphMetadata = z.infer<typeof subgraphMetadataSchema>;

export interface CatalogueAccess {
  /** False when the field declares no rule: it is refused to everyone (deny by default). */
  readonly declared: boolean;
  /** Every requirement, each in words, all of which must hold. */
  readonly requires: readonly string[];
}

export interface CatalogueField {
  readonly name: string;
  readonly type: string;
  readonly description: string;
  readonly arguments: readonly { readonly name: string; readonly type: string; readonly description: string }[];
  readonly access: CatalogueAccess;
}

export interface CatalogueOperation extends CatalogueField {
  /** `Query` or `Mutation`. */
  readonly kind: string;
  /** Example operations (by name) that call it. */
  readonly examples: readonly string[];
  /** Changelog entries naming it, newest release first. */
  readonly changes: readonly { readonly release: string; readonly text: string }[];
}

export interface CatalogueType {
  readonly name: string;
  readonly description: string;
  readonly fields: readonly CatalogueField[];
}

export interface CatalogueSubgraph extends SubgraphMetadata {
  readonly name: string;
  readonly legacySystems: readonly { readonly id: LegacySystem; readonly name: string }[];
  readonly operations: readonly CatalogueOperation[];
  readonly types: readonly CatalogueType[];
}

export interface Catalogue {
  readonly subgraphs: readonly CatalogueSubgraph[];
  readonly examples: readonly ExampleOperation[];
  /** The schema changelog, newest release first; empty when there is none yet. */
  readonly releases: readonly Release[];
  readonly policies: Readonly<Record<string, string>>;
}

/** One subgraph as the catalogue reads it: its SDL and the folder holding its catalogue.json and factory. */
export interface SubgraphSource {
  readonly name: string;
  readonly typeDefs: DocumentNode;
  readonly folder: URL;
}

export class CatalogueError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`The API catalogue cannot be built:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'CatalogueError';
    this.problems = problems;
  }
}

/** The one list of subgraphs, as sources. */
export function subgraphSources(): SubgraphSource[] {
  return SUBGRAPH_NAMES.map((name) => ({ name, typeDefs: SUBGRAPHS[name].typeDefs, folder: new URL(`../../subgraphs/${name}/`, import.meta.url) }));
}

function describeGate(gate: AccessGate): string {
  const alternatives = (anyOf: readonly (readonly string[])[]) => anyOf.map((all) => all.join(' and ')).join(', or ');
  switch (gate.kind) {
    case 'authenticated':
      return 'an authenticated caller';
    case 'scopes':
      return `scope ${alternatives(gate.anyOf)}`;
    case 'policy':
      return `policy ${alternatives(gate.anyOf)}`;
  }
}

function accessOf(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>, names: ReturnType<typeof accessDirectiveNames>): CatalogueAccess {
  const rule = accessRuleFor(type, field, names);
  // The same requirement may be declared on the field and its type: say it once. A scope or
  // policy already implies an authenticated caller.
  const requires = [...new Set(rule.gates.map(describeGate))];
  return { declared: rule.declared, requires: requires.length > 1 ? requires.filter((text) => text !== describeGate({ kind: 'authenticated' })) : requires };
}

function fieldOf(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>, names: ReturnType<typeof accessDirectiveNames>): CatalogueField {
  return {
    name: field.name,
    type: String(field.type),
    description: field.description ?? '',
    arguments: field.args.map((arg) => ({ name: arg.name, type: String(arg.type), description: arg.description ?? '' })),
    access: accessOf(type, field, names),
  };
}

/** Federation's machinery, not part of the API a caller sees. */
const FEDERATION_FIELDS = new Set(['_entities', '_service']);
const isFederationType = (name: string) => name.startsWith('_') || name.startsWith('link__') || name.startsWith('federation__');

function readMetadata(source: SubgraphSource, problems: string[]): SubgraphMetadata | undefined {
  const file = new URL('catalogue.json', source.folder);
  if (!existsSync(file)) {
    problems.push(`${source.name}: no catalogue.json (subgraphs/${source.name}/catalogue.json names its purpose, owner, data owner and service level)`);
    return undefined;
  }
  const parsed = subgraphMetadataSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    problems.push(...parsed.error.issues.map((issue) => `${source.name}: catalogue.json ${issue.path.join('.') || '(root)'}: ${issue.message}`));
    return undefined;
  }
  return parsed.data;
}

/** The legacy systems the subgraph's factory opens clients to (`config.legacy.<system>`). */
function legacySystemsOf(source: SubgraphSource): LegacySystem[] {
  const factory = readFileSync(new URL('index.ts', source.folder), 'utf8');
  const named = new Set([...factory.matchAll(/config\.legacy\.(\w+)/g)].map((match) => match[1]!));
  return LEGACY_SYSTEMS.filter((system) => named.has(system));
}

/** Entries naming the coordinate itself or anything inside it (an argument: `Query.citizen.nino`). */
function changesTo(coordinate: string, releases: readonly Release[]): CatalogueOperation['changes'] {
  const concerns = (named: string | undefined) => named === coordinate || named?.startsWith(`${coordinate}.`) || named?.startsWith(`${coordinate}(`);
  return releases.flatMap((release) => release.entries.filter((entry) => concerns(entry.coordinate)).map((entry) => ({ release: release.title, text: entry.text })));
}

function subgraphEntry(source: SubgraphSource, metadata: SubgraphMetadata, examples: readonly ExampleOperation[], releases: readonly Release[]): CatalogueSubgraph {
  const schema = buildSubgraphSchema(source.typeDefs);
  const names = accessDirectiveNames(schema);
  const rootTypes = [schema.getQueryType(), schema.getMutationType()].filter((type): type is GraphQLObjectType => type != null);
  const operations = rootTypes.flatMap((root) =>
    Object.values(root.getFields())
      .filter((field) => !FEDERATION_FIELDS.has(field.name))
      .map(
        (field): CatalogueOperation => ({
          ...fieldOf(root, field, names),
          kind: root.name,
          examples: examples.filter((example) => example.rootFields.includes(field.name)).map((example) => example.name),
          changes: changesTo(`${root.name}.${field.name}`, releases),
        }),
      ),
  );
  const types = Object.values(schema.getTypeMap())
    .filter((type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__') && !isFederationType(type.name) && !rootTypes.includes(type))
    .map((type) => ({ name: type.name, description: type.description ?? '', fields: Object.values(type.getFields()).map((field) => fieldOf(type, field, names)) }));
  return {
    name: source.name,
    ...metadata,
    legacySystems: legacySystemsOf(source).map((id) => ({ id, name: LEGACY_SYSTEM_TITLES[id] })),
    operations,
    types,
  };
}

export interface CatalogueSources {
  /** Default: the one list of subgraphs. */
  readonly subgraphs?: readonly SubgraphSource[];
  /** Default: `schema/CHANGELOG.md`. */
  readonly changelog?: URL;
}

/** Builds the catalogue; throws CatalogueError naming every subgraph without metadata or with an incomplete one. */
export function buildCatalogue(options: CatalogueSources = {}): Catalogue {
  const sources = options.subgraphs ?? subgraphSources();
  const problems: string[] = [];
  const metadata = sources.map((source) => readMetadata(source, problems));
  if (problems.length) throw new CatalogueError(problems);
  const examples = loadExamples();
  const releases = readChangelog(options.changelog);
  return {
    subgraphs: sources.map((source, index) => subgraphEntry(source, metadata[index]!, examples, releases)),
    examples,
    releases,
    policies: ACCESS_POLICY_DESCRIPTIONS,
  };
}
