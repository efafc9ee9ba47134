import type { PopulationIndex } from './population-index.ts';
import { createCisSystem } from './cis.ts';
import { createDisabilitySystem } from './disability.ts';
import { createJsapsSystem } from './jsaps.ts';
import { createNotifySystem, type NotifyServiceOptions } from './notify.ts';
import { createPaymentsSystem } from './payments.ts';
import { createPostcodesSystem } from './postcodes.ts';
import { createPscsSystem } from './pscs.ts';
import type { LegacySystem } from './types.ts';
import { createUcSystem } from './uc.ts';

export interface SystemsOptions {
  /** Postcodes the look-up knows where nobody in the population has lived (`pickUnoccupiedPostcodes`). */
  unoccupiedPostcodes: ReadonlySet<string>;
  notify: NotifyServiceOptions;
}

/** Every simulated system over one population, in `SYSTEM_IDS` order. */
export function createSystems(population: PopulationIndex, options: SystemsOptions): LegacySystem[] {
  return [
    createCisSystem(population),
    createUcSystem(population),
    createPscsSystem(population),
    createDisabilitySystem(population),
    createPaymentsSystem(population),
    createPostcodesSystem(population, options.unoccupiedPostcodes),
    createJsapsSystem(population),
    createNotifySystem(options.notify),
  ];
}
