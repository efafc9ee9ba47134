import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '../platform/errors/index.ts';
import { REQUEST_ERROR_CODES } from '../platform/errors/masking.ts';
import { loadManifest } from '../gateway/persisted-operations.ts';
import { SHOWCASE } from '../legacy-estate/index.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('the README', () => {
  it('lists in its error-code table every code the system can return: the catalogue and GraphQL\'s own request errors', () => {
    const table = readme.slice(readme.indexOf('| code | meaning |'), readme.indexOf('\n\n', readme.indexOf('| code | meaning |')));
    const missing = [...Object.keys(ERROR_CATALOGUE), ...REQUEST_ERROR_CODES].filter((code) => !table.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });

  it('lists every persisted operation with its current id', () => {
    for (const operation of loadManifest().values()) {
      expect(readme, operation.name).toContain(`| ${operation.name} | \`${operation.id}\``);
    }
  });

  it('names the well-known test citizens the estate always generates', () => {
    for (const entry of Object.values(SHOWCASE)) expect(readme).toContain(entry.nino);
  });

  it('documents every dependency', () => {
    const { dependencies } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
    const missing = Object.keys(dependencies).filter((name) => !readme.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});
