import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { generatePopulation } from './generate.ts';
import type { PopulationOptions } from './generate.ts';

/**
 * Streams the population as NDJSON, one person a line, waiting for `drain` whenever the
 * output is full: at most one cluster of people is in memory however large `size` is.
 */
export async function writePopulationNdjson(options: PopulationOptions, output: Writable): Promise<number> {
  let written = 0;
  for (const person of generatePopulation(options)) {
    written++;
    if (!output.write(`${JSON.stringify(person)}\n`)) await once(output, 'drain');
  }
  return written;
}
