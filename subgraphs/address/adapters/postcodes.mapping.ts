import { z } from 'zod';
import { mapWire } from '../../../platform/formats/index.ts';
import type { Address } from '../domain.ts';

const wireLookup = z.object({
  header: z.object({ totalresults: z.number() }),
  results: z
    .array(
      z.object({
        DPA: z.object({
          UPRN: z.string(),
          BUILDING_NUMBER: z.string().optional(),
          BUILDING_NAME: z.string().optional(),
          THOROUGHFARE_NAME: z.string().optional(),
          POST_TOWN: z.string(),
          POSTCODE: z.string(),
        }),
      }),
    )
    .optional(),
});

/** OS Places-style DPA results → addresses, in the order the look-up gave them. */
export function mapLookup(payload: unknown): Address[] {
  return mapWire('postcodes', wireLookup, payload, (wire) =>
    (wire.results ?? []).map(({ DPA }) => {
      const street = [DPA.BUILDING_NUMBER, DPA.THOROUGHFARE_NAME].filter((part) => part && part.trim() !== '').join(' ');
      return {
        lines: [DPA.BUILDING_NAME, street].map((line) => line?.trim() ?? '').filter((line) => line !== ''),
        postTown: DPA.POST_TOWN,
        postcode: DPA.POSTCODE,
        uprn: DPA.UPRN,
      };
    }),
  );
}
