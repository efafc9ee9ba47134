import { z } from 'zod';
import { addDays } from '../../platform/domain/index.ts';
import { isIsoDate, toDayMonthYear } from '../population/dates.ts';
import type { PaymentAccount, Person } from '../population/types.ts';
import type { PopulationIndex } from './population-index.ts';
import type { AppliedChange, SystemRecords } from './records.ts';
import { json, parseJson } from './responses.ts';
import type { LegacySystem, SystemRequest, SystemResponse } from './types.ts';
import { createLedger, type ChangeToApply, type SystemLedger } from './writes.ts';

/**
 * The Central Payment System: bank details by customer reference, `DD/MM/YYYY` dates, 25
 * references per call. It keeps a customer's correspondence address and stops paying from
 * the day after a death; it refuses a `clientReference` it already holds (409).
 */
const BATCH_LIMIT = 25;
const ERROR_CODES: Readonly<Record<number, string>> = {
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  500: 'INTERNAL_ERROR',
  503: 'SERVICE_UNAVAILABLE',
};

interface CustomerRef {
  type: string;
  value: string;
}

function customerRefs(body: string): CustomerRef[] | undefined {
  const parsed = parseJson(body);
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const refs = (parsed as { customerRefs?: unknown }).customerRefs;
  if (!Array.isArray(refs)) return undefined;
  const valid = refs.every((ref: unknown) => {
    if (typeof ref !== 'object' || ref === null) return false;
    const { type, value } = ref as Record<string, unknown>;
    return typeof type === 'string' && typeof value === 'string';
  });
  return valid ? (refs as CustomerRef[]) : undefined;
}

function accountRecord(account: PaymentAccount, dateOfDeath: string | null) {
  const { sortCode } = account;
  return {
    paymentStatus: dateOfDeath === null ? 'ACTIVE' : 'STOPPED',
    paymentsStoppedFrom: dateOfDeath === null ? null : toDayMonthYear(addDays(dateOfDeath, 1)),
    accountType: account.accountType,
    sortCode: `${sortCode.slice(0, 2)}-${sortCode.slice(2, 4)}-${sortCode.slice(4, 6)}`,
    accountNumber: account.accountNumber,
    rollNumber: account.rollNumber,
    accountHolderName: account.accountHolderName,
    validatedDate: toDayMonthYear(account.validatedDate),
  };
}

/** The customer references of a batch request, or the error that refuses it. */
function batchOf(request: SystemRequest): CustomerRef[] | SystemResponse {
  const refs = customerRefs(request.body);
  if (!refs) return json(400, { errorCode: 'INVALID_REQUEST' });
  if (refs.length > BATCH_LIMIT) return json(422, { errorCode: 'BATCH_TOO_LARGE' });
  return refs;
}

/** One result per reference asked, in order: `FOUND` with what `found` adds, or `NOT_FOUND`. */
function batch(ledger: SystemLedger, found: (person: Person, account: PaymentAccount) => Record<string, unknown>) {
  return (request: SystemRequest): SystemResponse => {
    const refs = batchOf(request);
    if (!Array.isArray(refs)) return refs;
    const results = refs.map((ref) => {
      const person = ref.type === 'NINO' ? ledger.view(ref.value) : undefined;
      return person?.paymentAccount ? { customerRef: ref.value, status: 'FOUND', ...found(person, person.paymentAccount) } : { customerRef: ref.value, status: 'NOT_FOUND' };
    });
    return json(200, { results });
  };
}

const CHANGE_TYPES = { address: 'ADDRESS', contact: 'CONTACT', death: 'DEATH' } as const;
const dayMonthYear = z.string().transform((text) => (/^\d{2}\/\d{2}\/\d{4}$/.test(text) ? `${text.slice(6, 10)}-${text.slice(3, 5)}-${text.slice(0, 2)}` : '')).refine(isIsoDate);
const changeBase = { customerRef: z.object({ type: z.literal('NINO'), value: z.string().min(1) }), clientReference: z.string().min(1).max(64), effectiveDate: dayMonthYear };
const changeRequest = z.discriminatedUnion('changeType', [
  z.object({
    ...changeBase,
    changeType: z.literal('ADDRESS'),
    correspondenceAddress: z.object({
      uprn: z.string().regex(/^\d{1,12}$/),
      buildingName: z.string().nullable(),
      buildingNumber: z.string().nullable(),
      street: z.string().min(1),
      town: z.string().min(1),
      postcode: z.string().min(5).max(8),
    }),
    protectedAddress: z.boolean(),
  }),
  z.object({ ...changeBase, changeType: z.literal('DEATH'), dateOfDeath: dayMonthYear }),
]);

function changeFrom(body: z.infer<typeof changeRequest>): ChangeToApply {
  const base = { nino: body.customerRef.value, reference: body.clientReference, effectiveDate: body.effectiveDate };
  if (body.changeType === 'DEATH') return { ...base, kind: 'death', effectiveDate: body.dateOfDeath };
  const { street, town, ...rest } = body.correspondenceAddress;
  return { ...base, kind: 'address', address: { ...rest, thoroughfare: street, postTown: town }, restricted: body.protectedAddress };
}

/** `POST /api/customers/changes`: 201 accepted, 409 DUPLICATE_REFERENCE, 404 CUSTOMER_NOT_FOUND, 400 INVALID_REQUEST. */
function recordChange(ledger: SystemLedger) {
  return (request: SystemRequest): SystemResponse => {
    const parsed = changeRequest.safeParse(parseJson(request.body));
    if (!parsed.success) return json(400, { errorCode: 'INVALID_REQUEST' });
    const result = ledger.apply(changeFrom(parsed.data));
    if (result === 'no-record') return json(404, { errorCode: 'CUSTOMER_NOT_FOUND' });
    if (result === 'duplicate') return json(409, { errorCode: 'DUPLICATE_REFERENCE' });
    return json(201, { clientReference: parsed.data.clientReference, status: 'ACCEPTED' });
  };
}

/** `DD/MM/YYYY HH:MM:SS` in UTC, as the payment system stamps what it records. */
function timestamp(iso: string): string {
  return `${toDayMonthYear(iso.slice(0, 10))} ${iso.slice(11, 19)}`;
}

function changeRecord(change: AppliedChange) {
  return { clientReference: change.reference, changeType: CHANGE_TYPES[change.kind], effectiveDate: toDayMonthYear(change.effectiveDate), recordedAt: timestamp(change.appliedAt) };
}

export function createPaymentsSystem(population: PopulationIndex, records: SystemRecords): LegacySystem {
  const ledger = createLedger(population, records, { holds: (person) => person.paymentAccount !== null, idempotent: true });
  return {
    id: 'payments',
    routes: [
      { method: 'POST', pattern: /^\/api\/accounts\/search$/, operation: 'accountsSearch', handle: batch(ledger, (person, account) => ({ paymentAccount: accountRecord(account, person.dateOfDeath) })) },
      { method: 'POST', pattern: /^\/api\/customers\/history$/, operation: 'customerHistory', handle: batch(ledger, (person) => ({ changes: ledger.changesOf(person).map(changeRecord) })) },
      { method: 'POST', pattern: /^\/api\/customers\/changes$/, operation: 'recordChange', handle: recordChange(ledger), write: true },
    ],
    failure: (status) => json(status, { errorCode: ERROR_CODES[status] ?? 'INTERNAL_ERROR' }),
    malformed: () => json(200, {}),
    records,
  };
}
