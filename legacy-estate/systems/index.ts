import type { PopulationIndex } from './population-index.ts';
import { createCisSystem } from './cis.ts';
import { createDisabilitySystem } from './disability.ts';
import { createJsapsSystem } from './jsaps.ts';
import { createPaymentsSystem } from './payments.ts';
import { createPostcodesSystem } from './postcodes.ts';
import { createPscsSystem } from './pscs.ts';
import type { SystemRecords } from './records.ts';
import type { LegacySystem, SystemId } from './types.ts';
import { createUcSystem } from './uc.ts';

/** Every simulated system over one population, in `SYSTEM_IDS` order; a system that takes writes opens its records. */
export function createSystems(population: PopulationIndex, openRecords: (id: SystemId) => SystemRecords): LegacySystem[] {
  return [
    createCisSystem(population, openRecords('cis')),
    createUcSystem(population),
    createPscsSystem(population),
    createDisabilitySystem(population),
    createPaymentsSystem(population),
    createPostcodesSystem(population),
    createJsapsSystem(population),
  ];
}
