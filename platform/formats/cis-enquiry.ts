import { LegacyError, LegacyFaultError } from '../errors/index.ts';
import type { LegacyReader } from '../resilience/index.ts';
import { parseLegacyJson } from './wire.ts';

/** CIS answers every enquiry and update with this return code when it succeeded. */
export const CIS_OK = '0000';

/**
 * POSTs a CIS batch enquiry (`{"NINO_LIST": [...]}`) and maps its answer with `map`, inside
 * the call, so a return code other than success, or an answer `map` refuses, counts as CIS
 * failing. For enquiries that answer several lists at once (the history).
 */
export async function cisBatchEnquiry<T>(client: LegacyReader, path: string, ninos: readonly string[], map: (payload: Record<string, unknown>) => T): Promise<T> {
  return client.read({ method: 'POST', path, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ NINO_LIST: ninos }) }, (response) =>
    map(cisAnswer(client.system, response.body)),
  );
}

/** A CIS answer parsed, when its return code says it succeeded; any other is CIS failing. */
export function cisAnswer(system: string, body: string): Record<string, unknown> {
  const payload = parseLegacyJson(system, body);
  if (payload.RETURN_CD !== CIS_OK) throw cisReturnCodeError(system, payload.RETURN_CD);
  return payload;
}

/** CIS answered with a return code that is not the one the caller can use. */
export function cisReturnCodeError(system: string, returnCode: unknown): LegacyError {
  return new LegacyError('LEGACY_UNAVAILABLE', system, { cause: new LegacyFaultError('RETURN_CODE', String(returnCode)) });
}

/**
 * A CIS batch enquiry whose answer is one list, `listKey`, mapped by `map`. Shared by every
 * subgraph that reads CIS: only the endpoint and list differ.
 */
export async function cisEnquiry<T>(client: LegacyReader, path: string, ninos: readonly string[], listKey: string, map: (list: unknown[]) => T): Promise<T> {
  return cisBatchEnquiry(client, path, ninos, (payload) => map(cisList(client.system, payload, listKey)));
}

/**
 * The list `listKey` of a CIS answer that succeeded (`cisAnswer`). CIS always sends the list,
 * empty when nothing matched, so an answer without one is a failure, never "nothing found".
 */
export function cisList(system: string, payload: Record<string, unknown>, listKey: string): unknown[] {
  const list = payload[listKey];
  if (!Array.isArray(list)) throw cisReturnCodeError(system, payload.RETURN_CD);
  return list;
}

/** The most NINOs CIS takes in one enquiry. */
export const CIS_BATCH_LIMIT = 100;

/**
 * CIS person records (`PERSON_LIST`), mapped by `map` inside the call. Identity reads the whole record;
 * awards and address read the one field each needs (date of death, restriction) for
 * themselves, so none of them waits for another subgraph or trusts what one passes on.
 */
export function cisPersonsEnquiry<T>(client: LegacyReader, ninos: readonly string[], map: (list: unknown[]) => T): Promise<T> {
  return cisEnquiry(client, '/v1/persons/enquiry', ninos, 'PERSON_LIST', map);
}

/**
 * Whether a CIS `RESTRICTION_CD` restricts the record. Only exactly `NONE` leaves it open, so
 * a code CIS adds later (today there is `PROTADDR`), or a garbled one, withholds the address.
 */
export function isCisRestricted(restrictionCode: string): boolean {
  return restrictionCode !== 'NONE';
}
