import { mapWire, osPlacesAnswer } from '../../../platform/formats/index.ts';
import type { Address } from '../domain.ts';

/** OS Places-style DPA results → addresses, in the order the look-up gave them. */
export function mapLookup(payload: unknown): Address[] {
  return mapWire('postcodes', osPlacesAnswer, payload, (wire) =>
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
