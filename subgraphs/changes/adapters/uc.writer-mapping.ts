import { z } from 'zod';
import { LegacyError, LegacyFaultError } from '../../../platform/errors/index.ts';
import { mapWire, parseLegacyJson } from '../../../platform/formats/index.ts';
import type { AwardEvent, HistoryByNino } from './legacy-history.ts';
import type { Change, WriteOutcome } from './legacy-writer.ts';

/** UC's problem type for a NINO with no claim: "no record", not a failure. */
const NO_CLAIM = 'urn:uc:problem:no-claim';
/** Statuses UC refuses a change it cannot accept with: sending it again cannot help. */
export const UC_REFUSALS = [400, 422];

/** The body of `POST /v2/claimants/{nino}/changes`. */
export function ucChangeRequest(change: Change): Record<string, unknown> {
  switch (change.kind) {
    case 'address':
      return { clientReference: change.reference, type: 'ADDRESS_CHANGE', effectiveDate: change.effectiveDate, address: { ...change.address, protected: change.restricted } };
    case 'contact':
      return { clientReference: change.reference, type: 'CONTACT_CHANGE', effectiveDate: change.effectiveDate, contact: { phone: change.phone, mobile: change.mobile, email: change.email } };
    case 'death':
      return { clientReference: change.reference, type: 'DEATH', effectiveDate: change.dateOfDeath, dateOfDeath: change.dateOfDeath };
  }
}

const wireProblem = z.object({ type: z.string(), status: z.number() });
const wireAccepted = z.object({ clientReference: z.string(), status: z.enum(['APPLIED', 'ALREADY_APPLIED']) });

/** UC's answer to a change: 201 applied, 200 already applied (UC answers a repeated reference itself), a no-claim problem, a refusal. */
export function mapUcChangeAnswer(statusCode: number, body: string): WriteOutcome {
  const payload = parseLegacyJson('uc', body);
  if (statusCode >= 400) {
    const problem = mapWire('uc', wireProblem, payload, (wire) => wire);
    if (problem.type === NO_CLAIM) return 'not-held';
    const fault = new LegacyFaultError('RETURN_CODE', problem.type);
    throw new LegacyError(UC_REFUSALS.includes(statusCode) ? 'LEGACY_WRITE_REFUSED' : 'LEGACY_UNAVAILABLE', 'uc', { cause: fault });
  }
  return mapWire('uc', wireAccepted, payload, (wire) => (wire.status === 'APPLIED' ? 'applied' : 'already-applied'));
}

const CHANGE_KINDS = { ADDRESS_CHANGE: 'address', CONTACT_CHANGE: 'contact', DEATH: 'death' } as const;
const EVENTS = { CLAIM_STARTED: 'STARTED', CLAIM_CHANGED: 'CHANGED', CLAIM_CLOSED: 'STOPPED', PAYMENT_MADE: 'PAYMENT_MADE' } as const;
/** UC's events are about the claim; the timeline names the benefit. */
const UC_BENEFIT_CODE = 'UC';

const isoDate = z.iso.date();
const wireHistory = z.object({
  claimants: z.array(
    z.object({
      nino: z.string(),
      changes: z.array(z.object({ clientReference: z.string(), type: z.enum(['ADDRESS_CHANGE', 'CONTACT_CHANGE', 'DEATH']), effectiveDate: isoDate, appliedAt: z.iso.datetime() })),
      events: z.array(z.object({ type: z.enum(['CLAIM_STARTED', 'CLAIM_CHANGED', 'CLAIM_CLOSED', 'PAYMENT_MADE']), date: isoDate, amountPence: z.number().int().nullable() })),
    }),
  ),
  notFound: z.array(z.string()),
});

/** A batchGetHistory answer → each NINO asked: its changes and claim events, or null where UC holds no claim. */
export function mapUcHistory(ninos: readonly string[], payload: unknown): HistoryByNino {
  return mapWire('uc', wireHistory, payload, (wire) => {
    const byNino = new Map(wire.claimants.map((claimant) => [claimant.nino, claimant]));
    return new Map(
      ninos.map((nino) => {
        const claimant = byNino.get(nino);
        if (!claimant) return [nino, null];
        const events: AwardEvent[] = claimant.events.map((event) => ({ benefitCode: UC_BENEFIT_CODE, event: EVENTS[event.type], date: event.date, amountPence: event.amountPence }));
        const changes = claimant.changes.map((row) => ({ reference: row.clientReference, kind: CHANGE_KINDS[row.type], effectiveDate: row.effectiveDate, appliedAt: row.appliedAt }));
        return [nino, { changes, events }];
      }),
    );
  });
}
