import { LegacyError } from '../errors/index.ts';
import type { LegacyClient } from '../resilience/index.ts';
import { parseLegacyJson } from './wire.ts';

/** CIS answers every enquiry with this return code when it succeeded. */
const CIS_OK = '0000';

/**
 * POSTs a CIS batch enquiry (`{"NINO_LIST": [...]}`) and returns the named result list, still
 * in wire form. Shared by every subgraph that reads CIS: only the endpoint and list differ.
 */
export async function cisEnquiry(client: LegacyClient, path: string, ninos: readonly string[], listKey: string): Promise<unknown[]> {
  const response = await client.read({
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ NINO_LIST: ninos }),
  });
  const payload = parseLegacyJson(client.system, response.body);
  const list = payload[listKey];
  if (payload.RETURN_CD !== CIS_OK || !Array.isArray(list)) {
    throw new LegacyError('LEGACY_UNAVAILABLE', client.system, { cause: new Error(`CIS return code ${String(payload.RETURN_CD)}`) });
  }
  return list;
}

/** The most NINOs CIS takes in one enquiry. */
export const CIS_BATCH_LIMIT = 100;

/**
 * CIS person records (`PERSON_LIST`), still in wire form. Identity reads the whole record;
 * awards and address read the one field each needs (date of death, restriction) for
 * themselves, so none of them waits for another subgraph or trusts what one passes on.
 */
export function cisPersonsEnquiry(client: LegacyClient, ninos: readonly string[]): Promise<unknown[]> {
  return cisEnquiry(client, '/v1/persons/enquiry', ninos, 'PERSON_LIST');
}

/**
 * Whether a CIS `RESTRICTION_CD` restricts the record. Only exactly `NONE` leaves it open, so
 * a code CIS adds later (today there is `PROTADDR`), or a garbled one, withholds the address.
 */
export function isCisRestricted(restrictionCode: string): boolean {
  return restrictionCode !== 'NONE';
}
