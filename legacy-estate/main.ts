import { DEFAULT_SEED, DEFAULT_SIZE, parseEstateFaults, startEstate } from './index.ts';

/**
 * Runs the estate on its own. The only place in legacy-estate that reads the environment:
 * ESTATE_PORT (4100), ESTATE_HOST (127.0.0.1), POPULATION_SEED, POPULATION_SIZE,
 * POPULATION_AS_OF (YYYY-MM-DD, default today), ESTATE_FAULTS (JSON keyed by system id) and
 * ESTATE_DATA_DIR (where the systems journal their writes; unset: memory only).
 */
function integer(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be an integer`);
  return value;
}

function faults(): ReturnType<typeof parseEstateFaults> {
  const raw = process.env['ESTATE_FAULTS'];
  if (!raw) return {};
  try {
    return parseEstateFaults(JSON.parse(raw));
  } catch (error) {
    throw new RangeError(`ESTATE_FAULTS is not valid: ${(error as Error).message}`);
  }
}

const started = performance.now();
const estate = await startEstate({
  port: integer('ESTATE_PORT', 4100),
  host: process.env['ESTATE_HOST'] || '127.0.0.1',
  seed: integer('POPULATION_SEED', DEFAULT_SEED),
  size: integer('POPULATION_SIZE', DEFAULT_SIZE),
  ...(process.env['POPULATION_AS_OF'] ? { asOf: process.env['POPULATION_AS_OF'] } : {}),
  faults: faults(),
  ...(process.env['ESTATE_DATA_DIR'] ? { dataDir: process.env['ESTATE_DATA_DIR'] } : {}),
});
const { population } = estate;
console.log(
  `legacy estate listening on ${estate.url} (${population.size} people, seed ${population.seed}, as of ${population.asOf}, ready in ${Math.round(performance.now() - started)} ms)`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void estate.close().then(() => process.exit(0));
  });
}
