import { readFileSync, writeFileSync } from 'node:fs';
import { composeSupergraph, SUPERGRAPH_FILE } from './compose-supergraph.ts';
import { CHANGELOG_FILE, releaseChangelog } from './changelog.ts';
import { checkAgainstRelease, describeRefusal } from './release-check.ts';
import { RELEASED_SUPERGRAPH_FILE } from './schema-diff.ts';

// `npm run schema:release [-- <version>]`: makes the current supergraph the released baseline,
// moving the changelog's Unreleased section under <version> (default today's date) with every
// change the diff finds. Refuses a stale supergraph and any breaking change the changelog does not accept.
const version = process.argv[2] ?? new Date().toISOString().slice(0, 10);
const current = readFileSync(SUPERGRAPH_FILE, 'utf8');
if (current !== composeSupergraph()) {
  console.error('schema/supergraph.graphql is stale: run `npm run compose` first.');
  process.exit(1);
}
const { changes, refused } = await checkAgainstRelease();
if (refused.length) {
  console.error(describeRefusal(refused));
  process.exit(1);
}
writeFileSync(CHANGELOG_FILE, releaseChangelog(readFileSync(CHANGELOG_FILE, 'utf8'), version, changes));
writeFileSync(RELEASED_SUPERGRAPH_FILE, current);
console.log(`released ${version}: ${changes.length} change(s); wrote ${RELEASED_SUPERGRAPH_FILE.pathname} and ${CHANGELOG_FILE.pathname}`);
