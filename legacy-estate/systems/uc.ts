import { z } from 'zod';
import { isIsoDate } from '../population/dates.ts';
import type { Person, UniversalCreditClaim } from '../population/types.ts';
import type { PopulationIndex } from './population-index.ts';
import type { AppliedChange, SystemRecords } from './records.ts';
import { json, parseJson, stringListIn } from './responses.ts';
import type { LegacySystem, SystemRequest, SystemResponse } from './types.ts';
import { awardEvents, createLedger, type ChangeToApply, type SystemLedger } from './writes.ts';

/**
 * The Universal Credit platform: camelCase JSON, ISO dates, money in pence, RFC 9457 problems,
 * 50 NINOs per call. It takes changes to a claimant's address, contact details and death,
 * and, as a modern API, answers a repeated `clientReference` without applying it again.
 */
const BATCH_LIMIT = 50;
const PROBLEM = 'application/problem+json';

function problem(status: number, title: string, detail: string): SystemResponse {
  return json(status, { type: `urn:uc:problem:${title.toLowerCase().replaceAll(' ', '-')}`, title, status, detail }, PROBLEM);
}

function claimRecord(claim: UniversalCreditClaim) {
  return {
    claimId: claim.claimId,
    status: claim.status,
    startDate: claim.startDate,
    assessmentPeriodStartDay: claim.assessmentPeriodStartDay,
    claimantType: claim.claimantType,
    partnerNino: claim.partnerNino,
    elements: claim.elements.map((element) => ({ code: element.code, monthlyPence: element.monthlyPence })),
    assessmentPeriods: claim.assessmentPeriods.map((period) => ({
      start: period.start,
      end: period.end,
      earningsPence: period.earningsPence,
      awardPence: period.awardPence,
      paymentDate: period.paymentDate,
    })),
    habitualResidence: { outcome: claim.habitualResidence.outcome, decidedOn: claim.habitualResidence.decidedOn },
    expectedDeliveryDate: claim.expectedDeliveryDate,
  };
}

/** The NINOs of a batch request, or the problem that refuses it. */
function batchOf(request: SystemRequest): string[] | SystemResponse {
  const ninos = stringListIn(request.body, 'ninos');
  if (!ninos) return problem(400, 'Invalid request', 'The body must be {"ninos": [string, ...]}.');
  if (ninos.length > BATCH_LIMIT) return problem(400, 'Batch too large', `At most ${BATCH_LIMIT} NINOs per request.`);
  return ninos;
}

/** Each distinct claimant asked for, mapped by `answer`; the NINOs UC holds no claim for listed in `notFound`. */
function batch<T>(ledger: SystemLedger, answer: (person: Person, claim: UniversalCreditClaim) => T) {
  return (request: SystemRequest): SystemResponse => {
    const ninos = batchOf(request);
    if (!Array.isArray(ninos)) return ninos;
    const claimants: T[] = [];
    const notFound: string[] = [];
    const seen = new Set<string>();
    for (const nino of ninos) {
      const person = ledger.view(nino);
      if (!person?.universalCredit) notFound.push(nino);
      else if (!seen.has(person.nino)) {
        seen.add(person.nino);
        claimants.push(answer(person, person.universalCredit));
      }
    }
    return json(200, { claimants, notFound });
  };
}

const CHANGE_TYPES = { address: 'ADDRESS_CHANGE', contact: 'CONTACT_CHANGE', death: 'DEATH' } as const;
const isoDate = z.string().refine(isIsoDate, 'must be an ISO date');
const changeBase = { clientReference: z.string().min(1).max(64), effectiveDate: isoDate };
const changeRequest = z.discriminatedUnion('type', [
  z.object({
    ...changeBase,
    type: z.literal('ADDRESS_CHANGE'),
    address: z.object({
      uprn: z.string().regex(/^\d{1,12}$/),
      buildingName: z.string().nullable(),
      buildingNumber: z.string().nullable(),
      thoroughfare: z.string().min(1),
      postTown: z.string().min(1),
      postcode: z.string().min(5).max(8),
      protected: z.boolean(),
    }),
  }),
  z.object({ ...changeBase, type: z.literal('CONTACT_CHANGE'), contact: z.object({ phone: z.string().nullable(), mobile: z.string().nullable(), email: z.string().nullable() }) }),
  z.object({ ...changeBase, type: z.literal('DEATH'), dateOfDeath: isoDate }),
]);

function changeFrom(nino: string, body: z.infer<typeof changeRequest>): ChangeToApply {
  const base = { nino, reference: body.clientReference, effectiveDate: body.effectiveDate };
  switch (body.type) {
    case 'ADDRESS_CHANGE': {
      const { protected: restricted, ...address } = body.address;
      return { ...base, kind: 'address', address, restricted };
    }
    case 'CONTACT_CHANGE':
      return { ...base, kind: 'contact', ...body.contact };
    case 'DEATH':
      return { ...base, kind: 'death', effectiveDate: body.dateOfDeath };
  }
}

/** `POST /v2/claimants/{nino}/changes`: 201 applied, 200 for a clientReference already applied, 404 no claim, 422 invalid. */
function reportChange(ledger: SystemLedger) {
  return (request: SystemRequest, match: RegExpExecArray): SystemResponse => {
    const parsed = changeRequest.safeParse(parseJson(request.body));
    if (!parsed.success) return problem(422, 'Invalid change', 'The change is not a valid ADDRESS_CHANGE, CONTACT_CHANGE or DEATH.');
    const result = ledger.apply(changeFrom(decodeURIComponent(match[1] ?? ''), parsed.data));
    if (result === 'no-record') return problem(404, 'No claim', 'There is no Universal Credit claim for this NINO.');
    return json(result === 'applied' ? 201 : 200, { clientReference: parsed.data.clientReference, status: result === 'applied' ? 'APPLIED' : 'ALREADY_APPLIED' });
  };
}

function changeRecord(change: AppliedChange) {
  return { clientReference: change.reference, type: CHANGE_TYPES[change.kind], effectiveDate: change.effectiveDate, appliedAt: change.appliedAt };
}

const EVENT_TYPES = { STARTED: 'CLAIM_STARTED', CHANGED: 'CLAIM_CHANGED', STOPPED: 'CLAIM_CLOSED', PAID: 'PAYMENT_MADE' } as const;

/** The claim's start and close, and a payment for each assessment period it records (UC pays each in arrears). */
function claimEvents(claim: UniversalCreditClaim) {
  const lifetime = awardEvents({ start: claim.startDate, end: claim.endDate, stopped: claim.status === 'CLOSED', lastPaidDate: null, paymentPence: 0 });
  const payments = claim.assessmentPeriods.map((period) => ({ type: 'PAYMENT_MADE', date: period.paymentDate, amountPence: period.awardPence }));
  return [...lifetime.map((event) => ({ type: EVENT_TYPES[event.event], date: event.date, amountPence: event.pence })), ...payments];
}

export function createUcSystem(population: PopulationIndex, records: SystemRecords): LegacySystem {
  const ledger = createLedger(population, records, { holds: (person) => person.universalCredit !== null, idempotent: true });
  return {
    id: 'uc',
    routes: [
      { method: 'POST', pattern: /^\/v2\/claimants:batchGet$/, operation: 'batchGet', handle: batch(ledger, (person, claim) => ({ nino: person.nino, claim: claimRecord(claim) })) },
      {
        method: 'POST', pattern: /^\/v2\/claimants:batchGetHistory$/, operation: 'batchGetHistory',
        handle: batch(ledger, (person, claim) => ({ nino: person.nino, changes: ledger.changesOf(person).map(changeRecord), events: claimEvents(claim) })),
      },
      { method: 'POST', pattern: /^\/v2\/claimants\/([^/]+)\/changes$/, operation: 'reportChange', handle: reportChange(ledger), write: true },
    ],
    failure: (status, message) => problem(status, status >= 500 ? 'Service error' : 'Request error', message),
    malformed: () => json(200, {}),
    records,
  };
}
