import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writePopulationNdjson } from './ndjson.ts';

const OPTIONS = { seed: 3, size: 60, asOf: '2026-11-25' };

describe('writePopulationNdjson', () => {
  it('writes one JSON person per line', async () => {
    const lines: string[] = [];
    const output = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    expect(await writePopulationNdjson(OPTIONS, output)).toBe(60);
    expect(lines).toHaveLength(60);
    for (const line of lines) expect(line.endsWith('\n') && typeof JSON.parse(line).nino).toBe('string');
  });

  it('stops generating while the output is full', async () => {
    let received = 0;
    const output = new Writable({
      highWaterMark: 1,
      // Never acknowledges a write, like a reader that has stalled.
      write(_chunk, _encoding, _done) {
        received++;
      },
    });
    const writing = writePopulationNdjson({ ...OPTIONS, size: 1_000_000 }, output);
    await new Promise((resolve) => setImmediate(resolve));
    expect(received).toBe(1);
    output.destroy(new Error('reader went away'));
    await expect(writing).rejects.toThrow('reader went away');
  });
});
