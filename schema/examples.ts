import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { buildPersistedManifest } from './persisted-manifest.ts';

/**
 * The example operations, for each kind of user, written once: the README's GraphQL blocks
 * (run as written by test/readme-examples.test.ts) and the partners' persisted operations
 * (schema/operations). The explorer offers them and the catalogue lists them; neither keeps a
 * copy of its own.
 */

const README = new URL('../README.md', import.meta.url);

/** Who an example is for: the role its token needs, and the README heading it sits under. */
export type Audience = 'agent' | 'citizen' | 'auditor' | 'partner';

export interface ExampleOperation {
  readonly name: string;
  readonly audience: Audience;
  /** The heading the example sits under, e.g. "As a caseworker (role `agent`)". */
  readonly section: string;
  /** The operation's text: exactly the persisted body for a persisted operation. */
  readonly document: string;
  /** The root fields it selects, so the catalogue can file it under each operation it shows. */
  readonly rootFields: readonly string[];
  readonly variables?: Readonly<Record<string, unknown>>;
  /** A case reference to send as `x-purpose` (caseworkers must declare one). */
  readonly purpose?: string;
  /** The persisted-operation id, for callers (partners) who may send only that. */
  readonly persistedId?: string;
  /** The `npm run token` arguments for this caller, e.g. `--role citizen --nino SC300047C`. */
  readonly tokenArguments: string;
  /** The same, as the development issuer's mint options (the explorer's development sign-in sends them). */
  readonly caller: ExampleCaller;
}

export interface ExampleCaller {
  readonly role: Audience;
  readonly nino?: string;
  readonly scopes?: readonly string[];
  readonly org?: string;
}

function callerOf(tokenArguments: string): ExampleCaller {
  const { values } = parseArgs({ args: tokenArguments.split(/\s+/), options: { role: { type: 'string' }, nino: { type: 'string' }, scope: { type: 'string', multiple: true }, org: { type: 'string' } }, strict: true });
  return {
    role: values.role as Audience,
    ...(values.nino ? { nino: values.nino } : {}),
    ...(values.scope ? { scopes: values.scope } : {}),
    ...(values.org ? { org: values.org } : {}),
  };
}

/** One fenced block of the README with the `###` heading it sits under. */
export interface ReadmeBlock {
  readonly language: string;
  readonly code: string;
  readonly section: string;
}

export function readmeBlocks(text: string = readFileSync(README, 'utf8')): ReadmeBlock[] {
  const found: ReadmeBlock[] = [];
  let section = '';
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    if (line.startsWith('#')) section = line.replace(/^#+\s*/, '');
    const fence = /^```(\w+)$/.exec(line);
    if (!fence) continue;
    const body: string[] = [];
    for (index += 1; index < lines.length && lines[index] !== '```'; index += 1) body.push(lines[index]!);
    found.push({ language: fence[1]!, code: body.join('\n'), section });
  }
  return found;
}

const AUDIENCE_BY_SECTION: ReadonlyArray<readonly [prefix: string, audience: Audience]> = [
  ['As a caseworker', 'agent'],
  ['As a citizen', 'citizen'],
  ['As an auditor', 'auditor'],
  ['As a partner body', 'partner'],
];

/** The purpose the README's caseworker examples declare (its curl example's `x-purpose`). */
function readmePurpose(blocks: readonly ReadmeBlock[]): string {
  const purpose = blocks.map((block) => /x-purpose: ([^'"]+)/.exec(block.code)?.[1]).find((found) => found !== undefined);
  if (!purpose) throw new Error('README: no x-purpose example to take the caseworker purpose from');
  return purpose;
}

/** The `npm run token` arguments the section's own shell example uses, or just its role. */
function tokenArgumentsFor(section: string, audience: Audience, blocks: readonly ReadmeBlock[]): string {
  const mint = blocks.filter((block) => block.section === section && block.language === 'sh').map((block) => /npm run --silent token -- ([^)\n]+)\)/.exec(block.code)?.[1]).find((found) => found !== undefined);
  return mint ?? `--role ${audience}`;
}

function withCaller(tokenArguments: string): Pick<ExampleOperation, 'tokenArguments' | 'caller'> {
  return { tokenArguments, caller: callerOf(tokenArguments) };
}

function audienceOf(section: string): Audience | undefined {
  return AUDIENCE_BY_SECTION.find(([prefix]) => section.startsWith(prefix))?.[1];
}

function rootFieldsOf(operation: OperationDefinitionNode): string[] {
  return operation.selectionSet.selections.flatMap((selection) => (selection.kind === Kind.FIELD ? [selection.name.value] : []));
}

/** Every example: the README's GraphQL, then each persisted partner check with the README's partner variables. */
export function loadExamples(text: string = readFileSync(README, 'utf8')): ExampleOperation[] {
  const blocks = readmeBlocks(text);
  const purpose = readmePurpose(blocks);
  const fromReadme = blocks
    .filter((block) => block.language === 'graphql')
    .flatMap((block) => {
      const audience = audienceOf(block.section);
      if (!audience) throw new Error(`README: no kind of user known for the GraphQL under "${block.section}"`);
      return parse(block.code)
        .definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)
        .map((operation): ExampleOperation => ({
          name: operation.name?.value ?? 'Anonymous',
          audience,
          section: block.section,
          document: print(operation),
          rootFields: rootFieldsOf(operation),
          ...(audience === 'agent' ? { purpose } : {}),
          ...withCaller(tokenArgumentsFor(block.section, audience, blocks)),
        }));
    });
  const partnerSection = AUDIENCE_BY_SECTION.find(([, audience]) => audience === 'partner')![0];
  const partnerCall = blocks.find((block) => block.section.startsWith(partnerSection) && block.code.includes('"variables"'));
  const variables = partnerCall ? (JSON.parse(/-d '([^']+)'/.exec(partnerCall.code)![1]!) as { variables: Record<string, unknown> }).variables : {};
  // The README's table of persisted operations names the scope each one needs.
  const scopes = new Map([...text.matchAll(/^\| (\w+) \| `[0-9a-f]{64}` \| `(check:[a-z-]+)` \|$/gm)].map((row) => [row[1]!, row[2]!]));
  const persisted = buildPersistedManifest().operations.map((operation): ExampleOperation => {
    const definition = parse(operation.body).definitions[0] as OperationDefinitionNode;
    const scope = scopes.get(operation.name);
    return {
      name: operation.name,
      audience: 'partner',
      section: partnerCall?.section ?? partnerSection,
      document: operation.body,
      rootFields: rootFieldsOf(definition),
      variables,
      persistedId: operation.id,
      ...withCaller(`--role partner --org NHS${scope ? ` --scope ${scope}` : ''}`),
    };
  });
  return [...fromReadme, ...persisted];
}
