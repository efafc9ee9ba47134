import { existsSync, readFileSync } from 'node:fs';

/**
 * Reads the schema changelog (`schema/CHANGELOG.md`: one `## <release>` section per release,
 * newest first, each change a `- ` line that names its schema coordinate in backticks) into
 * releases for the catalogue. No changelog yet means no releases to show.
 */

export const SCHEMA_CHANGELOG = new URL('../CHANGELOG.md', import.meta.url);

export interface ChangelogEntry {
  /** The first schema coordinate the line names, e.g. `Query.citizen` or `Citizen.nickname`. */
  readonly coordinate?: string;
  readonly text: string;
}

export interface Release {
  /** The section heading: a version or date, or `Unreleased`. */
  readonly title: string;
  /** The section's prose, apart from its change lines and comments. */
  readonly summary: string;
  readonly entries: readonly ChangelogEntry[];
}

export function parseChangelog(markdown: string): Release[] {
  const withoutComments = markdown.replace(/<!--[\s\S]*?-->/g, '');
  return withoutComments
    .split(/^## /m)
    .slice(1)
    .map((section) => {
      const [heading = '', ...lines] = section.split('\n');
      const entries = lines.filter((line) => line.startsWith('- ')).map((line) => {
        const text = line.slice(2).trim();
        const coordinate = /`([A-Za-z_][\w.()]*(?::[\w]+)?)`/.exec(text)?.[1];
        return coordinate ? { coordinate, text } : { text };
      });
      const summary = lines
        .filter((line) => !line.startsWith('- ') && !line.startsWith('#'))
        .join('\n')
        .trim();
      return { title: heading.trim(), summary, entries };
    })
    .filter((release) => release.entries.length > 0 || release.summary !== '');
}

export function readChangelog(file: URL = SCHEMA_CHANGELOG): Release[] {
  return existsSync(file) ? parseChangelog(readFileSync(file, 'utf8')) : [];
}
