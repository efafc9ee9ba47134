import type { SchemaChange } from './schema-diff.ts';

export const CHANGELOG_FILE = new URL('./CHANGELOG.md', import.meta.url);

const UNRELEASED_HEADING = '## Unreleased';

/** What a fresh Unreleased section holds: where the next breaking change must be named before it can land. */
const ACCEPTED_HEADING = '### Breaking changes accepted';
const UNRELEASED_TEMPLATE = `${UNRELEASED_HEADING}

${ACCEPTED_HEADING}

<!-- Name each breaking change this release accepts by its schema coordinate in backticks, with why
and what callers must do, e.g. - \`Citizen.nickname\`: removed; read \`Citizen.name\` instead. -->
`;

/** Where the Unreleased section runs, up to the next release heading. */
function unreleasedSection(changelog: string): { start: number; end: number } | undefined {
  const start = changelog.indexOf(`\n${UNRELEASED_HEADING}\n`);
  if (start === -1) return undefined;
  const next = changelog.indexOf('\n## ', start + UNRELEASED_HEADING.length + 1);
  return { start: start + 1, end: next === -1 ? changelog.length : next + 1 };
}

/** The template's example is a comment: it accepts nothing and is not carried into a release. */
function withoutComments(text: string): string {
  return text.replace(/<!--[\s\S]*?-->/g, '');
}

/** The schema coordinates the Unreleased section names in backticks: the breaking changes it accepts. */
export function acceptedBreakingChanges(changelog: string): Set<string> {
  const section = unreleasedSection(changelog);
  if (!section) return new Set();
  const text = withoutComments(changelog.slice(section.start, section.end));
  return new Set([...text.matchAll(/`([^`\s]+)`/g)].map((match) => match[1]!));
}

/**
 * The changelog once a release is cut: the Unreleased section becomes the release's (named by
 * `version`), followed by every change the schema diff found, and a fresh Unreleased section
 * goes on top. The diff's list is what a reader (and the catalogue) can trust as complete.
 */
export function releaseChangelog(changelog: string, version: string, changes: readonly SchemaChange[]): string {
  const section = unreleasedSection(changelog);
  if (!section) throw new Error(`the changelog has no "${UNRELEASED_HEADING}" heading`);
  const written = withoutComments(changelog.slice(section.start + UNRELEASED_HEADING.length, section.end)).trim();
  const accepted = written === ACCEPTED_HEADING ? `${ACCEPTED_HEADING}\n\nNone.` : written;
  const listed = changes.length
    ? changes.map((change) => `- ${change.breaking ? '**Breaking** ' : ''}\`${change.coordinate}\`: ${change.message}`).join('\n')
    : '- No change to the schema callers see.';
  const release = `## ${version}\n\n${accepted}\n\n### Every change (from the schema diff)\n\n${listed}\n`;
  return `${changelog.slice(0, section.start)}${UNRELEASED_TEMPLATE}\n${release}\n${changelog.slice(section.end)}`.replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
