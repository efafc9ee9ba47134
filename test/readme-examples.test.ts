import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MintOptions } from '../platform/auth/index.ts';
import { readmeBlocks, type ReadmeBlock } from '../schema/examples.ts';
import { startTestSystem, type TestSystem } from './harness.ts';

/**
 * Every example in the README runs against a booted system and must return data: each GraphQL
 * operation as the kind of user its section is for, and each shell example that calls the API
 * (token and curl) as written, pointed at this system.
 */
const root = resolve(import.meta.dirname, '..');
const readme = readFileSync(resolve(root, 'README.md'), 'utf8');
const run = promisify(execFile);

/** The caller each section's examples are written for. */
function callerFor(section: string, all: readonly ReadmeBlock[]): { mint: MintOptions; purpose?: string } {
  if (section.startsWith('As a caseworker')) return { mint: { role: 'agent' }, purpose: 'CASE-2026-0042' };
  if (section.startsWith('As an auditor')) return { mint: { role: 'auditor' } };
  if (section.startsWith('As a citizen')) {
    const token = all.find((example) => example.section === section && example.language === 'sh')!.code;
    return { mint: { role: 'citizen', nino: /--nino ([A-Za-z0-9]+)/.exec(token)![1]! } };
  }
  throw new Error(`no caller known for README section "${section}"`);
}

/** Every root field answered, and no list empty: an example that returns nothing shows nothing. */
function expectData(data: Record<string, unknown> | null | undefined, label: string): void {
  expect(data, label).toBeTruthy();
  for (const [field, value] of Object.entries(data!)) {
    expect(value, `${label}: ${field}`).not.toBeNull();
    if (Array.isArray(value)) expect(value.length, `${label}: ${field} is empty`).toBeGreaterThan(0);
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, innerValue] of Object.entries(value)) if (Array.isArray(innerValue)) expect(innerValue.length, `${label}: ${field}.${inner} is empty`).toBeGreaterThan(0);
    }
  }
}

const all = readmeBlocks(readme);
const operations = all
  .filter((example) => example.language === 'graphql')
  .flatMap((example) =>
    parse(example.code).definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION).map((operation) => ({ operation, section: example.section })),
  );
const shellCalls = all.filter((example) => example.language === 'sh' && example.code.includes('curl '));

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
  // Seed the audit, so the auditor's example has someone's accesses to show.
  await system.graphql('query Seed { citizen(nino: "SC100021A") { nino } }');
});
afterAll(() => system?.close());

describe('the README examples', () => {
  it('include GraphQL for every kind of user and shell calls of the API', () => {
    expect(new Set(operations.map(({ section }) => section.split(' (')[0]))).toEqual(new Set(['As a caseworker', 'As a citizen', 'As an auditor']));
    expect(shellCalls.length).toBeGreaterThanOrEqual(2);
  });

  it.each(operations.map(({ operation, section }) => [operation.name?.value ?? '(anonymous)', section, operation] as const))(
    'runs %s (%s) and returns data with no errors',
    async (name, section, operation) => {
      const caller = callerFor(section, all);
      const result = await system.graphql(print(operation), {}, await system.as(caller.mint, caller.purpose));
      expect(result.body.errors, name).toBeUndefined();
      expectData(result.body.data, name);
    },
  );

  it.each(shellCalls.map((example) => [example.section, example.code] as const))('runs the shell example in "%s" as written and gets data', async (_section, code) => {
    const gateway = new URL(system.gatewayUrl);
    // As written, but against this system: its gateway's address and its data folder (the development issuer's keys).
    const script = code.replaceAll('http://localhost:4000', gateway.origin);
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', script], {
      cwd: root,
      env: { PATH: `${resolve(root, 'node_modules/.bin')}:${process.env.PATH ?? ''}`, HOME: process.env.HOME ?? '/root', DATA_DIR: system.system.config.dataDir },
    });
    const answer = JSON.parse(stdout) as { data?: Record<string, unknown>; errors?: unknown };
    expect(answer.errors).toBeUndefined();
    expectData(answer.data, code.split('\n')[0]!);
  });
});
