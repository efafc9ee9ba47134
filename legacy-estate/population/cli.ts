import { parseArgs } from 'node:util';
import { writePopulationNdjson } from './ndjson.ts';

/**
 * `node legacy-estate/population/cli.ts --seed N --size N [--as-of YYYY-MM-DD]` writes the
 * synthetic population to stdout as NDJSON (one person a line) in bounded memory.
 */
const USAGE = 'usage: cli.ts --seed N --size N [--as-of YYYY-MM-DD]';

function integerOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) throw new RangeError(`--${name} must be an integer`);
  return parsed;
}

try {
  const { values } = parseArgs({ options: { seed: { type: 'string' }, size: { type: 'string' }, 'as-of': { type: 'string' } } });
  await writePopulationNdjson(
    {
      seed: integerOption(values.seed, 'seed', 20261125),
      size: integerOption(values.size, 'size', 10_000),
      asOf: values['as-of'] ?? new Date().toISOString().slice(0, 10),
    },
    process.stdout,
  );
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
  process.exitCode = 2;
}
