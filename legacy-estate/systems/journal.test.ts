import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournal } from './journal.ts';
import { temporaryDirectory } from '../../test/temporary-directory.ts';

const freshDir = () => temporaryDirectory('estate-journal');

describe('a system journal', () => {
  it('replays what was appended before it was reopened, oldest first', () => {
    const dir = freshDir();
    const first = openJournal<{ n: number }>(dir, 'cis');
    first.append({ n: 1 });
    first.append({ n: 2 });
    first.close();
    const reopened = openJournal<{ n: number }>(dir, 'cis');
    expect(reopened.replayed).toEqual([{ n: 1 }, { n: 2 }]);
    reopened.close();
  });

  it('keeps each system apart', () => {
    const dir = freshDir();
    const cis = openJournal<{ n: number }>(dir, 'cis');
    cis.append({ n: 1 });
    cis.close();
    const pscs = openJournal<{ n: number }>(dir, 'pscs');
    expect(pscs.replayed).toEqual([]);
    pscs.close();
  });

  it('drops a last line cut short by a crash, and appends the next entry on a line of its own', () => {
    const dir = freshDir();
    const journal = openJournal<{ n: number }>(dir, 'cis');
    journal.append({ n: 1 });
    journal.close();
    appendFileSync(join(dir, 'cis.jsonl'), '{"n":');
    const recovered = openJournal<{ n: number }>(dir, 'cis');
    expect(recovered.replayed).toEqual([{ n: 1 }]);
    recovered.append({ n: 2 });
    recovered.close();
    expect(readFileSync(join(dir, 'cis.jsonl'), 'utf8')).toBe('{"n":1}\n{"n":2}\n');
  });

  it('keeps nothing without a directory', () => {
    const journal = openJournal<{ n: number }>(undefined, 'cis');
    journal.append({ n: 1 });
    expect(openJournal(undefined, 'cis').replayed).toEqual([]);
  });
});
