import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger, redactText } from './index.ts';

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

  it('logs a database error without the SQL parameters, row detail or query it carries', () => {
    const { lines, logger } = capture();
    // A failed query's error with everything a driver may attach: the statement, its parameters, the row.
    const failure = Object.assign(new Error('date/time field value out of range: "0000-01-01"'), {
      code: '22008',
      severity: 'ERROR',
      routine: 'DateTimeParseError',
      query: 'SELECT * FROM audit_citizen WHERE nino = $1',
      params: ['SC100021A', 'Brierley', '66374958'],
      detail: 'Key (nino)=(SC100042B) already exists.',
      where: "unnamed portal parameter $1 = 'SC100063C'",
    });
    logger.error({ err: new Error('search failed for SC 10 00 21 A', { cause: failure }) }, 'unexpected resolver error');
    logger.error({ err: failure }, 'unexpected resolver error');
    const text = lines.join('\n');
    for (const value of ['SC100021A', 'SC 10 00 21 A', 'SC100042B', 'SC100063C', 'Brierley', '66374958', 'audit_citizen']) expect(text).not.toContain(value);
    const logged = JSON.parse(lines[1]!) as { err: Record<string, unknown> };
    // What an operator needs is still there.
    expect(logged.err).toMatchObject({ code: '22008', severity: 'ERROR', routine: 'DateTimeParseError', message: expect.stringContaining('out of range') });
  });

  it("keeps a gateway error's code and subgraph but not the subgraph response it carries", () => {
    const { lines, logger } = capture();
    const error = Object.assign(new Error('Internal error'), { extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'bank', response: { body: { data: { sortCode: '08-99-99' } } } } });
    logger.error({ err: error }, 'unexpected gateway error');
    const logged = JSON.parse(lines[0]!) as { err: Record<string, unknown> };
    expect(logged.err.extensions).toEqual({ code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'bank' });
    expect(lines[0]).not.toContain('08-99-99');
  });

  it('redacts sort codes and account numbers in free text, and leaves dates alone', () => {
    expect(redactText('account 66374958 at 08-99-99 on 2026-03-01')).toBe('account [ACCOUNT NUMBER] at [SORT CODE] on 2026-03-01');
  });
});
