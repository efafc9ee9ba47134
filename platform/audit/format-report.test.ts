import { describe, expect, it } from 'vitest';
import { formatVerifyReport } from './format-report.ts';

describe('formatVerifyReport', () => {
  it('says OK for intact chains', () => {
    expect(formatVerifyReport({ ok: true, chains: 2, entries: 1, problems: [] })).toBe('Checked 1 audit entry in 2 chains.\nOK: every chain is intact.\n');
  });

  it('names writer, sequence and entry for each problem', () => {
    const text = formatVerifyReport({
      ok: false,
      chains: 1,
      entries: 5,
      problems: [
        { writerId: 'gateway-1', seq: 3, entryId: 'e-3', problem: 'content does not match its hash (entry altered, or moved to another position)' },
        { writerId: 'gateway-1', problem: 'chain has no head record (head deleted, or a whole chain inserted)' },
      ],
    });
    expect(text).toBe(
      [
        'Checked 5 audit entries in 1 chain.',
        'PROBLEM writer gateway-1, seq 3, entry e-3: content does not match its hash (entry altered, or moved to another position)',
        'PROBLEM writer gateway-1: chain has no head record (head deleted, or a whole chain inserted)',
        'FAILED: 2 problems found.',
        '',
      ].join('\n'),
    );
  });
});
