import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SYSTEM_IDS } from '../legacy-estate/index.ts';
import { LEGACY_SYSTEMS } from '../platform/config/index.ts';

const root = resolve(import.meta.dirname, '..');

/** Our TypeScript as git tracks it, so nothing installed, generated or left over is read. */
const TRACKED = execFileSync('git', ['ls-files', '*.ts', '*.tsx'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);

function sourceFiles(folder: string): string[] {
  return TRACKED.filter((file) => file.startsWith(`${folder}/`) && file.endsWith('.ts'));
}

/** Every module a file names: in an import or re-export (type-only ones too), an import for its effects alone, or a dynamic import of a literal. */
function specifiersOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^import\s+)'([^']+)'/gm)].map((match) => match[1]!);
}

/** Every relative import of a file, as a path from the repository root. */
function importsOf(file: string): string[] {
  return specifiersOf(file)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => relative(root, resolve(root, dirname(file), specifier)));
}

function violations(folder: string, allowed: (target: string, file: string) => boolean): string[] {
  return sourceFiles(folder)
    .filter((file) => !file.endsWith('.test.ts'))
    .flatMap((file) => importsOf(file).filter((target) => !allowed(target, file)).map((target) => `${file} -> ${target}`));
}

/** Every package a file imports, by its name (`pkg` or `@scope/pkg`). */
function packagesImportedBy(file: string): string[] {
  return specifiersOf(file)
    .filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('node:'))
    .map((specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/'));
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

  it('declares every package it imports, none used only because another package brought it', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const declared = new Set([...Object.keys(manifest.dependencies), ...Object.keys(manifest.devDependencies)]);
    // The benchmark's peers aside: they live in a package of their own (bench/peers).
    const imported = TRACKED.filter((file) => !file.startsWith('bench/peers/')).flatMap((file) => packagesImportedBy(file).map((name) => ({ file, name })));
    // It reads what it checks: a static, a type-only and a scoped import.
    expect(imported).toEqual(expect.arrayContaining([{ file: 'platform/resilience/legacy-client.ts', name: 'undici' }, { file: 'gateway/citizen-existence.ts', name: '@apollo/server-gateway-interface' }]));
    expect(imported.filter(({ name }) => !declared.has(name)).map(({ file, name }) => `${file} imports ${name}`)).toEqual([]);
  });

  it('the estate simulates exactly the legacy systems the platform configures, so LEGACY_SYSTEMS stays the one list', () => {
    expect([...SYSTEM_IDS].sort()).toEqual([...LEGACY_SYSTEMS].sort());
  });
});
