import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const available = spawnSync('docker-compose', ['--version']).status === 0;

describe('docker-compose.yml', () => {
  // CI installs docker-compose (scripts/install-test-services.sh); elsewhere the check is skipped visibly.
  it.runIf(available || process.env.CI)('is valid and runs every component as its own service', () => {
    const services = execFileSync('docker-compose', ['config', '--services'], { encoding: 'utf8' }).trim().split('\n').sort();
    expect(services).toEqual(['address', 'audit', 'awards', 'bank', 'changes', 'delivery', 'estate', 'gateway', 'identity', 'postgres', 'relationships']);
  });
});
