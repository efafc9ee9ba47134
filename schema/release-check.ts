import { readFileSync } from 'node:fs';
import { SUPERGRAPH_FILE } from './compose-supergraph.ts';
import { acceptedBreakingChanges, CHANGELOG_FILE } from './changelog.ts';
import { RELEASED_SUPERGRAPH_FILE, schemaChanges, unacceptedBreakingChanges, type SchemaChange } from './schema-diff.ts';

export interface ReleaseCheck {
  /** Every change since the released baseline. */
  readonly changes: SchemaChange[];
  /** Breaking changes the changelog's Unreleased section does not name: CI refuses these. */
  readonly refused: SchemaChange[];
}

/** schema/supergraph.graphql against schema/released/, with schema/CHANGELOG.md's accepted breaking changes. */
export async function checkAgainstRelease(): Promise<ReleaseCheck> {
  const changes = await schemaChanges(readFileSync(RELEASED_SUPERGRAPH_FILE, 'utf8'), readFileSync(SUPERGRAPH_FILE, 'utf8'));
  return { changes, refused: unacceptedBreakingChanges(changes, acceptedBreakingChanges(readFileSync(CHANGELOG_FILE, 'utf8'))) };
}

/** How a refusal reads, in a failing test and in `schema:release`. */
export function describeRefusal(refused: readonly SchemaChange[]): string {
  return [
    'Breaking schema changes not accepted in schema/CHANGELOG.md (name each coordinate in backticks under "## Unreleased", or undo the change):',
    ...refused.map((change) => `  - ${change.coordinate}: ${change.message}`),
  ].join('\n');
}
