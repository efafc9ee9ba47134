import { z } from 'zod';
import { LegacyError } from '../../../platform/errors/index.ts';
import { fromDdMmYyyy, mapWire, parseLegacyJson, toDdMmYyyy } from '../../../platform/formats/index.ts';
import type { HistoryByNino } from './legacy-history.ts';
import type { Change, WriteOutcome } from './legacy-writer.ts';

/** The body of `POST /api/customers/changes` for an address or a death (the payment system keeps no contact details). */
export function paymentsChangeRequest(change: Exclude<Change, { kind: 'contact' }>): Record<string, unknown> {
  const base = { customerRef: { type: 'NINO', value: change.nino }, clientReference: change.reference };
  if (change.kind === 'death') return { ...base, changeType: 'DEATH', effectiveDate: toDdMmYyyy(change.dateOfDeath), dateOfDeath: toDdMmYyyy(change.dateOfDeath) };
  const { address } = change;
  return {
    ...base,
    changeType: 'ADDRESS',
    effectiveDate: toDdMmYyyy(change.effectiveDate),
    correspondenceAddress: { uprn: address.uprn, buildingName: address.buildingName, buildingNumber: address.buildingNumber, street: address.thoroughfare, town: address.postTown, postcode: address.postcode },
    protectedAddress: change.restricted,
  };
}

/** The statuses the payment system answers a change with, each meaning something to the writer. */
export const PAYMENTS_ANSWERS = { duplicate: 409, notFound: 404, invalid: 400 } as const;

const wireError = z.object({ errorCode: z.string() });
const wireAccepted = z.object({ clientReference: z.string(), status: z.literal('ACCEPTED') });

/** A change's answer: 201 accepted, 409 DUPLICATE_REFERENCE (it holds that reference), 404 CUSTOMER_NOT_FOUND, 400 INVALID_REQUEST. */
export function mapPaymentsChangeAnswer(statusCode: number, body: string): WriteOutcome {
  const payload = parseLegacyJson('payments', body);
  if (statusCode < 300) return mapWire('payments', wireAccepted, payload, () => 'applied');
  const { errorCode } = mapWire('payments', wireError, payload, (wire) => wire);
  if (statusCode === PAYMENTS_ANSWERS.duplicate && errorCode === 'DUPLICATE_REFERENCE') return 'already-applied';
  if (statusCode === PAYMENTS_ANSWERS.notFound && errorCode === 'CUSTOMER_NOT_FOUND') return 'not-held';
  throw new LegacyError(statusCode === PAYMENTS_ANSWERS.invalid ? 'LEGACY_WRITE_REFUSED' : 'LEGACY_UNAVAILABLE', 'payments');
}

const CHANGE_KINDS = { ADDRESS: 'address', CONTACT: 'contact', DEATH: 'death' } as const;

const wireHistory = z.object({
  results: z.array(
    z.object({
      customerRef: z.string(),
      status: z.enum(['FOUND', 'NOT_FOUND']),
      changes: z.array(z.object({ clientReference: z.string(), changeType: z.enum(['ADDRESS', 'CONTACT', 'DEATH']), effectiveDate: z.string(), recordedAt: z.string() })).optional(),
    }),
  ),
});

/** `DD/MM/YYYY HH:MM:SS` (UTC) to an ISO time stamp. */
function recordedAt(text: string): string {
  const match = /^(\S+) (\d{2}:\d{2}:\d{2})$/.exec(text);
  if (!match) throw new TypeError('payment-system time stamp is not DD/MM/YYYY HH:MM:SS');
  return `${fromDdMmYyyy(match[1])}T${match[2]}Z`;
}

function requiredDate(text: string): string {
  const date = fromDdMmYyyy(text);
  if (date === null) throw new TypeError('payment-system date is blank');
  return date;
}

/**
 * A customer history answer → each NINO asked: the changes recorded, or null where the
 * system holds no account. It records no award events: payments made are in each benefit
 * system's own history.
 */
export function mapPaymentsHistory(ninos: readonly string[], payload: unknown): HistoryByNino {
  return mapWire('payments', wireHistory, payload, (wire) => {
    const found = new Map(wire.results.filter((result) => result.status === 'FOUND').map((result) => [result.customerRef, result.changes ?? []]));
    return new Map(
      ninos.map((nino) => {
        const changes = found.get(nino);
        if (!changes) return [nino, null];
        return [nino, { changes: changes.map((row) => ({ reference: row.clientReference, kind: CHANGE_KINDS[row.changeType], effectiveDate: requiredDate(row.effectiveDate), appliedAt: recordedAt(row.recordedAt) })), events: [] }];
      }),
    );
  });
}
