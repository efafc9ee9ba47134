import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SYSTEM_IDS } from '../legacy-estate/index.ts';
import { LEGACY_SYSTEMS } from '../platform/config/index.ts';

const root = resolve(import.meta.dirname, '..');

function sourceFiles(folder: string): string[] {
  return readdirSync(join(root, folder)).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(join(root, path)).isDirectory()) return name === 'node_modules' || name === 'data' ? [] : sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Every relative import of a file, as a path from the repository root. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'/g)].map((match) => relative(root, resolve(root, dirname(file), match[1]!)));
}

function violations(folder: string, allowed: (target: string, file: string) => boolean): string[] {
  return sourceFiles(folder)
    .filter((file) => !file.endsWith('.test.ts'))
    .flatMap((file) => importsOf(file).filter((target) => !allowed(target, file)).map((target) => `${file} -> ${target}`));
}

describe('the architecture the folder names promise', () => {
  it('reads the imports it checks (a broken pattern would pass everything)', () => {
    expect(importsOf('subgraphs/identity/index.ts')).toEqual(expect.arrayContaining(['platform/subgraph/index.ts', 'subgraphs/identity/loaders.ts']));
    expect(importsOf('bin/start-system.ts')).toContain('legacy-estate/index.ts');
  });

  it('platform imports nothing of ours outside platform', () => {
    expect(violations('platform', (target) => target.startsWith('platform/') || target.startsWith('types/'))).toEqual([]);
  });

  it('subgraphs never import each other, nor the legacy estate', () => {
    const subgraphOf = (path: string) => path.split('/')[1];
    expect(
      violations('subgraphs', (target, file) => target.startsWith('platform/') || (target.startsWith('subgraphs/') && (file.split('/').length === 2 || subgraphOf(target) === subgraphOf(file)))),
    ).toEqual([]);
  });

  it('only the entry points reach the simulated estate', () => {
    const importers = ['gateway', 'platform', 'subgraphs', 'schema'].flatMap((folder) => violations(folder, (target) => !target.startsWith('legacy-estate')));
    expect(importers).toEqual([]);
  });

  it('the legacy estate knows nothing of the services that call it', () => {
    expect(violations('legacy-estate', (target) => target.startsWith('legacy-estate/') || target.startsWith('platform/domain'))).toEqual([]);
  });

  it('the estate simulates exactly the legacy systems the platform configures, so LEGACY_SYSTEMS stays the one list', () => {
    expect([...SYSTEM_IDS].sort()).toEqual([...LEGACY_SYSTEMS].sort());
  });
});
