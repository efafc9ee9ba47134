import { closeSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One system's append-only journal: a JSON line per entry in `<dir>/<name>.jsonl`, written and
 * fsynced before the system answers, so what a system acknowledged survives a crash or a
 * restart. Synchronous on purpose: a system applies one write at a time, in arrival order,
 * as the mainframes it stands in for do. With no directory it keeps nothing (memory only).
 */
export interface Journal<E> {
  /** Every entry written before this journal was opened, oldest first. */
  readonly replayed: readonly E[];
  append(entry: E): void;
  close(): void;
}

export function openJournal<E>(dir: string | undefined, name: string): Journal<E> {
  if (dir === undefined) return { replayed: [], append: () => {}, close: () => {} };
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.jsonl`);
  const fd = openSync(path, 'a+');
  const text = readFileSync(path, 'utf8');
  // A last line without its newline is a write cut short by a crash before the system
  // answered: never acknowledged, so dropped, and cut off so the next entry starts clean.
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  if (complete.length < text.length) ftruncateSync(fd, Buffer.byteLength(complete));
  return {
    replayed: complete
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as E),
    append(entry) {
      writeSync(fd, `${JSON.stringify(entry)}\n`);
      fsyncSync(fd);
    },
    close: () => closeSync(fd),
  };
}
