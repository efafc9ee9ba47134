import { mapWire, osPlacesAnswer } from '../../../platform/formats/index.ts';

/**
 * One address from the postcode look-up by UPRN, in the fields a change of address carries
 * (the writers' `NewAddress`). Values as the look-up gives them: OS Places' upper case.
 */
export interface LookedUpAddress {
  uprn: string;
  /** e.g. `FLAT 3, ROWAN COURT`; null for a numbered house. */
  buildingName: string | null;
  buildingNumber: string | null;
  thoroughfare: string;
  postTown: string;
  postcode: string;
}

/** A UPRN is a number of up to 12 digits; anything else names no address, so it is never sent. */
export function isUprn(value: string): boolean {
  return /^\d{1,12}$/.test(value);
}

export function uprnLookupPath(uprn: string): string {
  return `/v1/uprn/${uprn}`;
}

/** The look-up's answer for one UPRN: its address, or null when the look-up knows no such UPRN. */
export function mapUprnLookup(payload: unknown, uprn: string): LookedUpAddress | null {
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
