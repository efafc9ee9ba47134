import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { acceptedBreakingChanges, releaseChangelog } from './changelog.ts';
import { RELEASED_SUPERGRAPH_FILE, schemaChanges, unacceptedBreakingChanges } from './schema-diff.ts';

const released = readFileSync(RELEASED_SUPERGRAPH_FILE, 'utf8');
const FIELD = '  """Pass as `after` to get the next page; null on an empty page."""\n  endCursor: String\n';

function edited(from: string, to: string): string {
  expect(released).toContain(from);
  return released.replace(from, to);
}

const changelog = (accepted: string) => `# Schema changelog\n\n## Unreleased\n\n### Breaking changes accepted\n\n${accepted}\n\n## 2026-01-01\n\nThe baseline.\n`;

describe('the breaking-change check against the released supergraph', () => {
  it('refuses a removed field unless the changelog names it under Unreleased', async () => {
    const changes = await schemaChanges(released, edited(FIELD, ''));
    expect(changes).toEqual([expect.objectContaining({ coordinate: 'AccessHistoryPage.endCursor', breaking: true })]);
    expect(unacceptedBreakingChanges(changes, acceptedBreakingChanges(changelog('')))).toHaveLength(1);
    expect(unacceptedBreakingChanges(changes, acceptedBreakingChanges(changelog('- `AccessHistoryPage.endCursor`: removed; page by `hasNextPage`.')))).toEqual([]);
  });

  it('lets an added field through with nothing in the changelog', async () => {
    const changes = await schemaChanges(released, edited(FIELD, `${FIELD}\n  """How many accesses this page holds."""\n  count: Int\n`));
    expect(changes).toContainEqual(expect.objectContaining({ coordinate: 'AccessHistoryPage.count', message: expect.stringMatching(/was added/), breaking: false }));
    expect(changes.filter((change) => change.breaking)).toEqual([]);
    expect(unacceptedBreakingChanges(changes, acceptedBreakingChanges(changelog('')))).toEqual([]);
  });

  it('does not count a coordinate named only in an older release or in the template comment as accepted', () => {
    const text = `## Unreleased\n\n<!-- e.g. \`AccessHistoryPage.endCursor\` -->\n\n## 2026-01-01\n\n- \`Citizen.name\`: removed\n`;
    expect(acceptedBreakingChanges(`# Schema changelog\n\n${text}`)).toEqual(new Set());
  });
});

describe('releasing', () => {
  it('moves the accepted changes under the version, lists every change, and opens an empty Unreleased section', () => {
    const next = releaseChangelog(changelog('- `AccessHistoryPage.endCursor`: removed.'), '2026-12-01', [
      { coordinate: 'AccessHistoryPage.endCursor', message: "Field 'endCursor' was removed", breaking: true },
      { coordinate: 'Citizen.nickname', message: "Field 'nickname' was added", breaking: false },
    ]);
    expect(acceptedBreakingChanges(next)).toEqual(new Set());
    const release = next.slice(next.indexOf('## 2026-12-01'), next.indexOf('## 2026-01-01'));
    expect(release).toContain('- `AccessHistoryPage.endCursor`: removed.');
    expect(release).toContain("- **Breaking** `AccessHistoryPage.endCursor`: Field 'endCursor' was removed");
    expect(release).toContain("- `Citizen.nickname`: Field 'nickname' was added");
    expect(next.indexOf('## Unreleased')).toBeLessThan(next.indexOf('## 2026-12-01'));
  });
});
