import { z } from 'zod';
import { fromYyyymmdd, isCisRestricted, mapWire } from '../../../platform/formats/index.ts';
import type { AddressRecord } from '../domain.ts';

const wireAddress = z.object({
  NINO: z.string(),
  ADDR_SEQ: z.number(),
  ADDR_TYPE_CD: z.enum(['RES', 'COR']),
  LINE_1: z.string(),
  LINE_2: z.string(),
  LINE_3: z.string(),
  POST_TOWN: z.string(),
  POSTCODE: z.string(),
  UPRN: z.string(),
  START_DT: z.string(),
  END_DT: z.string(),
});
const wireAddressList = z.array(wireAddress);

/** The one field of a CIS person record the address subgraph reads: whether it is restricted. */
const wireRestriction = z.object({ NINO: z.string(), RESTRICTION_CD: z.string() });
const wireRestrictionList = z.array(wireRestriction);

/** CIS PERSON_LIST → whether each listed citizen's record is restricted. */
export function mapRestrictions(list: unknown[]): Map<string, boolean> {
  return mapWire('cis', wireRestrictionList, list, (people) => new Map(people.map((wire) => [wire.NINO, isCisRestricted(wire.RESTRICTION_CD)])));
}

/** CIS ADDRESS_LIST → each citizen's address history, newest first. */
export function mapAddressHistories(list: unknown[]): Map<string, AddressRecord[]> {
  return mapWire('cis', wireAddressList, list, (rows) => {
    const histories = new Map<string, Array<{ seq: number; record: AddressRecord }>>();
    for (const row of rows) {
      const record: AddressRecord = {
        address: {
          lines: [row.LINE_1, row.LINE_2, row.LINE_3].map((line) => line.trim()).filter((line) => line !== ''),
          postTown: row.POST_TOWN.trim(),
          postcode: row.POSTCODE.trim(),
          uprn: row.UPRN.trim() || null,
        },
        type: row.ADDR_TYPE_CD === 'COR' ? 'CORRESPONDENCE' : 'RESIDENTIAL',
        from: fromYyyymmdd(row.START_DT),
        to: fromYyyymmdd(row.END_DT),
      };
      const history = histories.get(row.NINO) ?? [];
      history.push({ seq: row.ADDR_SEQ, record });
      histories.set(row.NINO, history);
    }
    return new Map(
      [...histories].map(([nino, history]) => [
        nino,
        history.sort((a, b) => (b.record.from ?? '').localeCompare(a.record.from ?? '') || b.seq - a.seq).map((entry) => entry.record),
      ]),
    );
  });
}

/** The address in use now for a purpose: open-ended (no end date). */
export function currentOf(history: readonly AddressRecord[], type: AddressRecord['type']): AddressRecord | undefined {
  return history.find((record) => record.type === type && record.to === null);
}
