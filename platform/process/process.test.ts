import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { isRunning } from './index.ts';

describe('isRunning', () => {
  it('is true for a live process and false once it has exited', async () => {
    expect(isRunning(process.pid)).toBe(true);
    const child = spawn(process.execPath, ['-e', '']);
    await once(child, 'exit');
    expect(isRunning(child.pid!)).toBe(false);
  });

  it.each([0, -1, Number.NaN, 1.5])('is false for %s, which names no single process', (pid) => {
    expect(isRunning(pid)).toBe(false);
  });
});
