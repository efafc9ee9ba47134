import type { PopulationIndex } from './population-index.ts';
import { createCisSystem } from './cis.ts';
import { createDisabilitySystem } from './disability.ts';
import { createJsapsSystem } from './jsaps.ts';
import { createNotifySystem, type NotifyServiceOptions } from './notify.ts';
import { createPaymentsSystem } from './payments.ts';
import { createPostcodesSystem } from './postcodes.ts';
import { createPscsSystem } from './pscs.ts';
import type { SystemRecords } from './records.ts';
import type { LegacySystem, SystemId } from './types.ts';
import { createUcSystem } from './uc.ts';

export interface SystemsOptions {
  /** Postcodes the look-up knows where nobody in the population has lived (`pickUnoccupiedPostcodes`). */
  unoccupiedPostcodes: ReadonlySet<string>;
  notify: NotifyServiceOptions;
  /** Opens the records of a system that takes writes. */
  openRecords: (id: SystemId) => SystemRecords;
}

/** Every simulated system over one population, in `SYSTEM_IDS` order; a system that takes writes opens its records. */
export function createSystems(population: PopulationIndex, options: SystemsOptions): LegacySystem[] {
  return [
    createCisSystem(population, options.openRecords('cis')),
    createUcSystem(population, options.openRecords('uc')),
    createPscsSystem(population, options.openRecords('pscs')),
    createDisabilitySystem(population, options.openRecords('disability')),
    createPaymentsSystem(population, options.openRecords('payments')),
    createPostcodesSystem(population, options.unoccupiedPostcodes),
    createJsapsSystem(population, options.openRecords('jsaps')),
    createNotifySystem(options.notify),
  ];
}
