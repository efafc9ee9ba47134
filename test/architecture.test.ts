import { execFileSync } from 'node:child_process';
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

/** Every package a source file names in an import (static, type-only or a literal dynamic one), by file. */
function packagesImportedBy(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^import\s+)'([^'.][^']*)'/gm)].map((match) => match[1]!);
  return specifiers.filter((specifier) => !specifier.startsWith('node:')).map((specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/'));
}

/** Our TypeScript, the benchmark's peers aside: they live in a package of their own (bench/peers). */
function ourSourceFiles(): string[] {
  return execFileSync('git', ['ls-files', '*.ts', '*.tsx'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((file) => file !== '' && !file.startsWith('bench/peers/'));
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
    const imported = ourSourceFiles().flatMap((file) => packagesImportedBy(file).map((name) => ({ file, name })));
    // It reads what it checks: a static, a type-only and a scoped import.
    expect(imported).toEqual(expect.arrayContaining([{ file: 'platform/resilience/legacy-client.ts', name: 'undici' }, { file: 'gateway/citizen-existence.ts', name: '@apollo/server-gateway-interface' }]));
    expect(imported.filter(({ name }) => !declared.has(name)).map(({ file, name }) => `${file} imports ${name}`)).toEqual([]);
  });

  it('the estate simulates exactly the legacy systems the platform configures, so LEGACY_SYSTEMS stays the one list', () => {
    expect([...SYSTEM_IDS].sort()).toEqual([...LEGACY_SYSTEMS].sort());
  });
});
