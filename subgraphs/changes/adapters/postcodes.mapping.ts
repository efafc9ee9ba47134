import { mapWire, osPlacesAnswer } from '../../../platform/formats/index.ts';
import type { NewAddress } from './legacy-writer.ts';

/** A UPRN is a number of up to 12 digits; anything else names no address, so it is never sent. */
export function isUprn(value: string): boolean {
  return /^\d{1,12}$/.test(value);
}

export function uprnLookupPath(uprn: string): string {
  return `/v1/uprn/${uprn}`;
}

/** The look-up's answer for one UPRN: its address as a change of address carries it (OS Places' upper case), or null when the look-up knows no such UPRN. */
export function mapUprnLookup(payload: unknown, uprn: string): NewAddress | null {
  return mapWire('postcodes', osPlacesAnswer, payload, (wire) => {
    const dpa = wire.results?.find((result) => result.DPA.UPRN === uprn)?.DPA;
    if (!dpa) return null;
    return {
      uprn: dpa.UPRN,
      buildingName: dpa.BUILDING_NAME ?? null,
      buildingNumber: dpa.BUILDING_NUMBER ?? null,
      thoroughfare: dpa.THOROUGHFARE_NAME ?? '',
      postTown: dpa.POST_TOWN,
      postcode: dpa.POSTCODE,
    };
  });
}
