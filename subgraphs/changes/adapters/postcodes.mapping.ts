import { z } from 'zod';
import { mapWire } from '../../../platform/formats/index.ts';
import type { NewAddress } from './legacy-writer.ts';

const dpa = z.object({
  UPRN: z.string(),
  BUILDING_NUMBER: z.string().optional(),
  BUILDING_NAME: z.string().optional(),
  THOROUGHFARE_NAME: z.string(),
  POST_TOWN: z.string(),
  POSTCODE: z.string(),
});
const lookup = z.object({ results: z.array(z.object({ DPA: dpa })).optional() });

/** An OS Places-style UPRN look-up → the one address it names, or null when it names none. */
export function mapUprnLookup(payload: unknown): NewAddress | null {
  return mapWire('postcodes', lookup, payload, (answer) => {
    const found = answer.results?.[0]?.DPA;
    if (!found) return null;
    return {
      uprn: found.UPRN,
      buildingName: found.BUILDING_NAME ?? null,
      buildingNumber: found.BUILDING_NUMBER ?? null,
      thoroughfare: found.THOROUGHFARE_NAME,
      postTown: found.POST_TOWN,
      postcode: found.POSTCODE,
    };
  });
}
