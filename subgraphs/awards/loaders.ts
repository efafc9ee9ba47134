import { createBatchLoader, createSingleLoader } from '../../platform/loaders/index.ts';
import { LegacyError } from '../../platform/errors/index.ts';
import { CIS_BATCH_LIMIT, JSAPS_BATCH_LIMIT, UC_BATCH_LIMIT } from '../../platform/formats/index.ts';
import type { CisAwardsAdapter } from './adapters/cis-awards.client.ts';
import type { CisPersonsAdapter } from './adapters/cis-persons.client.ts';
import type { DisabilityAdapter } from './adapters/disability.client.ts';
import type { JsapsAdapter } from './adapters/jsaps.client.ts';
import type { PscsAdapter } from './adapters/pscs.client.ts';
import type { UcAdapter } from './adapters/uc.client.ts';
import type { Award } from './domain.ts';
import type { HealthyStartHousehold } from './eligibility/rules.ts';

export interface AwardsAdapters {
  readonly cis: CisAwardsAdapter;
  readonly uc: UcAdapter;
  readonly pscs: PscsAdapter;
  readonly disability: DisabilityAdapter;
  readonly jsaps: JsapsAdapter;
}

/** The legacy systems awards are read from, named as their LegacyErrors name them. */
export type AwardSystem = keyof AwardsAdapters;
export const AWARD_SYSTEMS: readonly AwardSystem[] = ['pscs', 'cis', 'uc', 'disability', 'jsaps'];

/**
 * One DataLoader per legacy operation, made afresh for every request: batch systems at their
 * own batch limit, one-NINO-per-call systems with `singleLookupConcurrency` calls in flight.
 * `persons` is CIS again: one person enquiry per batch serves both the date of death that
 * bounds every payment schedule and the ages a Healthy Start check needs, so a request
 * asking for both reads each citizen once.
 */
export function createAwardsLoaders(adapters: AwardsAdapters, cisPersons: CisPersonsAdapter, singleLookupConcurrency: number) {
  const cis = createBatchLoader({ maxBatchSize: CIS_BATCH_LIMIT, fetchBatch: (ninos) => adapters.cis.awards(ninos) });
  const persons = createBatchLoader({ maxBatchSize: CIS_BATCH_LIMIT, fetchBatch: (ninos) => cisPersons.persons(ninos) });
  const deathReads = new Map<string, Promise<string | null>>();
  const children = createBatchLoader({ maxBatchSize: CIS_BATCH_LIMIT, fetchBatch: (ninos) => cisPersons.children(ninos) });
  /** A date of birth the Healthy Start check relies on; a person CIS lists without one is CIS failing, since every person has one. */
  const bornOn = async (nino: string): Promise<string | null> => {
    const dates = await persons.load(nino);
    if (dates === null) return null;
    if (dates.dateOfBirth === null) throw new LegacyError('LEGACY_UNAVAILABLE', 'cis', { cause: new TypeError('CIS person without a date of birth') });
    return dates.dateOfBirth;
  };
  const uc = createBatchLoader({ maxBatchSize: UC_BATCH_LIMIT, fetchBatch: (ninos) => adapters.uc.claims(ninos) });
  const jsaps = createBatchLoader({ maxBatchSize: JSAPS_BATCH_LIMIT, fetchBatch: (ninos) => adapters.jsaps.awards(ninos) });
  const pscs = createSingleLoader({ concurrency: singleLookupConcurrency, fetchOne: (nino) => adapters.pscs.pensionAward(nino) });
  const disability = createSingleLoader({ concurrency: singleLookupConcurrency, fetchOne: (nino) => adapters.disability.claims(nino) });

  const fromSystem: Readonly<Record<AwardSystem, (nino: string) => Promise<Award[]>>> = {
    cis: async (nino) => (await cis.load(nino)) ?? [],
    uc: async (nino) => [await uc.load(nino)].filter((award) => award !== null),
    pscs: async (nino) => [await pscs.load(nino)].filter((award) => award !== null),
    disability: (nino) => disability.load(nino),
    jsaps: async (nino) => (await jsaps.load(nino)) ?? [],
  };

  return {
    /** Each system's awards for the citizen, or the Error it failed with, in the order asked. */
    awardsBySystem(nino: string, systems: readonly AwardSystem[] = AWARD_SYSTEMS): Promise<Array<Award[] | Error>> {
      return Promise.all(systems.map((system) => fromSystem[system](nino).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))));
    },

    /**
     * The applicant's and their children's dates of birth from CIS (two enquiries, the
     * children's in one batch), with the children's NINOs: their records were read too.
     */
    async healthyStartHousehold(nino: string): Promise<HealthyStartHousehold & { readonly childNinos: readonly string[] }> {
      const [dateOfBirth, childNinos] = await Promise.all([bornOn(nino), children.load(nino)]);
      const childrenBirthDates = await Promise.all((childNinos ?? []).map((child) => bornOn(child)));
      return { dateOfBirth, childrenBirthDates: childrenBirthDates.filter((born) => born !== null), childNinos: childNinos ?? [] };
    },

    /**
     * The citizen's date of death as CIS records it; null when none is recorded (or CIS holds
     * no such citizen). Asking early starts the read beside the award reads. The answer, a
     * failure included, is kept for the request: DataLoader forgets a failed batch, and one
     * CIS failure should cost one call, not one more per award.
     */
    dateOfDeath(nino: string): Promise<string | null> {
      let read = deathReads.get(nino);
      if (read === undefined) {
        read = persons.load(nino).then((record) => record?.dateOfDeath ?? null);
        // Reported where it is awaited, by each schedule that needs it; not unhandled if none does.
        read.catch(() => undefined);
        deathReads.set(nino, read);
      }
      return read;
    },
  };
}

export type AwardsLoaders = ReturnType<typeof createAwardsLoaders>;
