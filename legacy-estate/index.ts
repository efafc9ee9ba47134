import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generatePopulation } from './population/generate.ts';
import { createRng } from './population/prng.ts';
import type { Person } from './population/types.ts';
import { createEstateHandler } from './systems/estate-server.ts';
import { createFaultInjector, parseEstateFaults } from './systems/faults.ts';
import type { FaultSettings } from './systems/faults.ts';
import { createSystems } from './systems/index.ts';
import { indexPopulation } from './systems/population-index.ts';
import { openJournal } from './systems/journal.ts';
import { openSystemRecords } from './systems/records.ts';
import { pickUnoccupiedPostcodes } from './systems/postcodes.ts';
import { createStats } from './systems/stats.ts';
import type { NotifyServiceOptions, SentNotification } from './systems/notify.ts';
import type { SystemId } from './systems/types.ts';

/**
 * The simulated legacy estate: a seeded synthetic population served by the legacy systems and GOV.UK Notify
 * behind one HTTP listener. See README.md for every system's wire format.
 */
export { SHOWCASE } from './population/showcase.ts';
export { generatePopulation } from './population/generate.ts';
export { FaultSettingsError, NO_FAULTS, parseEstateFaults, parseFaultSettings } from './systems/faults.ts';
export { SYSTEM_IDS } from './systems/types.ts';
export type { PopulationOptions } from './population/generate.ts';
export type { FaultSettings } from './systems/faults.ts';
export type { NotifyServiceOptions } from './systems/notify.ts';
export type { SystemId } from './systems/types.ts';
export type * from './population/types.ts';

export const DEFAULT_SEED = 20261125;
export const DEFAULT_SIZE = 10_000;

export interface EstateOptions {
  /** Default 0: any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 20261125. */
  seed?: number;
  /** People, showcase included; default 10,000. */
  size?: number;
  /** YYYY-MM-DD the population is as at; default today (UTC). */
  asOf?: string;
  /** Initial fault settings keyed by system id (the `ESTATE_FAULTS` shape); validated, missing keys default. */
  faults?: Partial<Record<SystemId, Partial<FaultSettings>>> | Readonly<Record<string, unknown>>;
  /**
   * Where each system journals what is written to it (`<system id>.jsonl`), replayed over the
   * population at start so writes survive a restart. Default none: writes are kept in memory only.
   */
  dataDir?: string;
  /** The simulated GOV.UK Notify service's API key and rate limit; without a key it refuses every request. */
  notify?: Omit<NotifyServiceOptions, 'journal'>;
}

export interface EstatePopulation {
  size: number;
  seed: number;
  asOf: string;
  /** Everyone, showcase citizens first. */
  people: readonly Person[];
  /** Accepts spaces and lower case. */
  byNino(nino: string): Person | undefined;
  /**
   * Postcodes the look-up knows where nobody in the population has ever lived, sorted: about
   * one in five of those it knows, the same for the same seed; somewhere to move to.
   */
  unoccupiedPostcodes: readonly string[];
}

export interface Estate extends AsyncDisposable {
  /** `http://host:port`, no trailing slash. */
  url: string;
  /** The base URL an adapter for that system is configured with: `url + '/' + id`. */
  systemUrl(id: SystemId): string;
  population: EstatePopulation;
  close(): Promise<void>;
}

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

export async function startEstate(options: EstateOptions = {}): Promise<Estate> {
  const seed = options.seed ?? DEFAULT_SEED;
  const size = options.size ?? DEFAULT_SIZE;
  const asOf = options.asOf ?? todayUtc();
  const host = options.host ?? '127.0.0.1';
  const faults = parseEstateFaults(options.faults ?? {});

  const people = [...generatePopulation({ seed, size, asOf })];
  const population = indexPopulation(people);
  const opened: Array<{ close(): void }> = [];
  // Notify keeps what it sent as the others keep what was written to them: a restart forgets nothing.
  const notifyJournal = openJournal<SentNotification>(options.dataDir, 'notify');
  opened.push(notifyJournal);
  const unoccupiedPostcodes = pickUnoccupiedPostcodes(population, seed);
  const systems = createSystems(population, {
    unoccupiedPostcodes,
    notify: { ...options.notify, journal: notifyJournal },
    openRecords: (id) => {
      const records = openSystemRecords(options.dataDir, id);
      opened.push(records);
      return records;
    },
  });
  const closing = new AbortController();
  const server = createServer(
    createEstateHandler({
      systems,
      population,
      stats: createStats(systems),
      faults: createFaultInjector(faults, createRng(seed, 0xfa17).next),
      populationSize: people.length,
      signal: closing.signal,
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Exclusive: in a cluster worker, port 0 would otherwise share the cluster's one handle for
    // port 0, and with it the gateway's connections.
    server.listen({ port: options.port ?? 0, host, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= new Promise<void>((resolve) => {
      closing.abort();
      server.close(() => {
        for (const journal of opened) journal.close();
        resolve();
      });
      server.closeAllConnections();
    });
    return closed;
  };
  return {
    url,
    systemUrl: (id) => `${url}/${id}`,
    population: { size: people.length, seed, asOf, people, byNino: population.byNino, unoccupiedPostcodes: [...unoccupiedPostcodes].sort() },
    close,
    [Symbol.asyncDispose]: close,
  };
}
