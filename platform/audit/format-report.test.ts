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

  it('says what the signed checkpoints covered, and names a checkpoint file line or the file itself', () => {
    expect(formatVerifyReport({ ok: true, chains: 1, entries: 9, checkpoints: { signed: 2, uncoveredEntries: 0 }, problems: [] })).toBe(
      'Checked 9 audit entries in 1 chain against 2 signed checkpoints.\nOK: every chain is intact.\n',
    );
    const text = formatVerifyReport({
      ok: false,
      chains: 1,
      entries: 9,
      checkpoints: { signed: 1, uncoveredEntries: 3 },
      problems: [
        { writerId: 'gateway-1', checkpointLine: 4, problem: 'checkpoint signature does not verify (line forged or altered)' },
        { problem: 'the checkpoint file /data/audit-checkpoints.jsonl does not exist (deleted, or the wrong AUDIT_CHECKPOINT_FILE)' },
      ],
    });
    expect(text).toBe(
      [
        'Checked 9 audit entries in 1 chain against 1 signed checkpoint; 3 entries are newer than the last checkpoint and checked by chain and head only.',
        'PROBLEM checkpoint file line 4, writer gateway-1: checkpoint signature does not verify (line forged or altered)',
        'PROBLEM the checkpoint file /data/audit-checkpoints.jsonl does not exist (deleted, or the wrong AUDIT_CHECKPOINT_FILE)',
        'FAILED: 2 problems found.',
        '',
      ].join('\n'),
    );
  });
});
