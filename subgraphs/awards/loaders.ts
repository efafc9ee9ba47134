import { createBatchLoader, createSingleLoader } from '../../platform/loaders/index.ts';
import { CIS_BATCH_LIMIT } from '../../platform/formats/index.ts';
import type { CisAwardsAdapter } from './adapters/cis-awards.client.ts';
import type { DisabilityAdapter } from './adapters/disability.client.ts';
import type { PscsAdapter } from './adapters/pscs.client.ts';
import { UC_BATCH_LIMIT, type UcAdapter } from './adapters/uc.client.ts';
import type { Award } from './domain.ts';

export interface AwardsAdapters {
  readonly cis: CisAwardsAdapter;
  readonly uc: UcAdapter;
  readonly pscs: PscsAdapter;
  readonly disability: DisabilityAdapter;
}

/** The legacy systems awards are read from, named as their LegacyErrors name them. */
export type AwardSystem = keyof AwardsAdapters;
export const AWARD_SYSTEMS: readonly AwardSystem[] = ['pscs', 'cis', 'uc', 'disability'];

/**
 * One DataLoader per legacy operation, made afresh for every request: batch systems at their
 * own batch limit, one-NINO-per-call systems with `singleLookupConcurrency` calls in flight.
 */
export function createAwardsLoaders(adapters: AwardsAdapters, singleLookupConcurrency: number) {
  const cis = createBatchLoader({ maxBatchSize: CIS_BATCH_LIMIT, fetchBatch: (ninos) => adapters.cis.awards(ninos) });
  const uc = createBatchLoader({ maxBatchSize: UC_BATCH_LIMIT, fetchBatch: (ninos) => adapters.uc.claims(ninos) });
  const pscs = createSingleLoader({ concurrency: singleLookupConcurrency, fetchOne: (nino) => adapters.pscs.pensionAward(nino) });
  const disability = createSingleLoader({ concurrency: singleLookupConcurrency, fetchOne: (nino) => adapters.disability.claims(nino) });

  const fromSystem: Readonly<Record<AwardSystem, (nino: string) => Promise<Award[]>>> = {
    cis: async (nino) => (await cis.load(nino)) ?? [],
    uc: async (nino) => [await uc.load(nino)].filter((award) => award !== null),
    pscs: async (nino) => [await pscs.load(nino)].filter((award) => award !== null),
    disability: (nino) => disability.load(nino),
  };

  return {
    /** Each system's awards for the citizen, or the Error it failed with, in the order asked. */
    awardsBySystem(nino: string, systems: readonly AwardSystem[] = AWARD_SYSTEMS): Promise<Array<Award[] | Error>> {
      return Promise.all(systems.map((system) => fromSystem[system](nino).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))));
    },
  };
}

export type AwardsLoaders = ReturnType<typeof createAwardsLoaders>;
