import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger } from './index.ts';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'info', name: 'test', destination }) };
}

describe('redacting logger', () => {
  it('never writes a NINO, name or bank detail logged by mistake', () => {
    const { lines, logger } = capture();
    logger.info({ nino: 'AB123456C', citizen: { familyName: 'Smith', sortCode: '200000' } }, 'looked up AB 12 34 56 C');
    logger.error({ err: new Error('failed for ab123456c') }, 'oops');
    const text = lines.join('\n');
    expect(text).not.toMatch(/AB\s?12\s?34\s?56\s?C/i);
    expect(text).not.toContain('Smith');
    expect(text).not.toContain('200000');
    expect(text).toContain('[REDACTED]');
    expect(text).toContain('[NINO]');
  });
});
