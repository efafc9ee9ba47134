import { z } from 'zod';
import { LegacyError, LegacyFaultError } from '../../../platform/errors/index.ts';
import { escapeXml, fromYyyymmdd, fromYyyymmddhhmmss, mapWire, parseSoapResponse, soapEnvelope, toYyyymmdd, type SoapResult } from '../../../platform/formats/index.ts';
import type { HistoryByNino, SystemHistory } from './legacy-history.ts';
import type { Change, WriteOutcome } from './legacy-writer.ts';

export const PSCS_NAMESPACE = 'urn:dwp:pscs:v3';
/** PSCS's faults that are answers, not failures. */
const NO_RECORD_FAULT = 'NO_RECORD';
const INVALID_UPDATE_FAULT = 'INVALID_UPDATE';
/** PSCS keeps awards only as State Pension; the timeline names it by PSCS's scheme-free code. */
const PSCS_BENEFIT_CODE = 'SP';

const element = (name: string, value: string) => `<psc:${name}>${escapeXml(value)}</psc:${name}>`;

/** The UpdateCustomerDetails SOAP request for an address or a death (PSCS keeps no contact details). */
export function pscsUpdateRequest(change: Exclude<Change, { kind: 'contact' }>): string {
  const head = element('NINO', change.nino) + element('ClientReference', change.reference);
  const body =
    change.kind === 'death'
      ? head + element('ChangeType', 'DEATH') + element('EffectiveDate', toYyyymmdd(change.dateOfDeath)) + element('DateOfDeath', toYyyymmdd(change.dateOfDeath))
      : head +
        element('ChangeType', 'ADDRESS') +
        element('EffectiveDate', toYyyymmdd(change.effectiveDate)) +
        '<psc:Address>' +
        element('UPRN', change.address.uprn) +
        element('BuildingName', change.address.buildingName ?? '') +
        element('BuildingNumber', change.address.buildingNumber ?? '') +
        element('Thoroughfare', change.address.thoroughfare) +
        element('PostTown', change.address.postTown) +
        element('Postcode', change.address.postcode) +
        element('Protected', change.restricted ? 'Y' : 'N') +
        '</psc:Address>';
  return soapEnvelope('psc', PSCS_NAMESPACE, `<psc:UpdateCustomerDetailsRequest>${body}</psc:UpdateCustomerDetailsRequest>`);
}

/** The GetCustomerHistory SOAP request for one NINO. */
export function pscsHistoryRequest(nino: string): string {
  return soapEnvelope('psc', PSCS_NAMESPACE, `<psc:GetCustomerHistoryRequest>${element('NINO', nino)}</psc:GetCustomerHistoryRequest>`);
}

function soapResult(xml: string): SoapResult {
  try {
    return parseSoapResponse(xml);
  } catch (cause) {
    throw new LegacyError('LEGACY_UNAVAILABLE', 'pscs', { cause });
  }
}

function faultError(faultCode: string): LegacyError {
  const code = faultCode === INVALID_UPDATE_FAULT ? 'LEGACY_WRITE_REFUSED' : 'LEGACY_UNAVAILABLE';
  return new LegacyError(code, 'pscs', { cause: new LegacyFaultError('SOAP_FAULT', faultCode) });
}

const wireUpdateResponse = z.object({ UpdateCustomerDetailsResponse: z.object({ Status: z.literal('ACCEPTED'), UpdateNumber: z.string().regex(/^\d+$/) }) });

/** An UpdateCustomerDetails answer: ACCEPTED is applied (PSCS applies every update it is sent), NO_RECORD not held, INVALID_UPDATE refused. */
export function mapPscsUpdateAnswer(xml: string): WriteOutcome {
  const result = soapResult(xml);
  if (result.kind === 'fault') {
    if (result.faultCode === NO_RECORD_FAULT) return 'not-held';
    throw faultError(result.faultCode);
  }
  return mapWire('pscs', wireUpdateResponse, result.body, () => 'applied');
}

/** A repeated element parses to an array, a single one to an object, none to '' or undefined. */
const repeated = <T extends z.ZodType>(item: T) => z.preprocess((value) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]), z.array(item));

const CHANGE_KINDS = { ADDRESS: 'address', CONTACT: 'contact', DEATH: 'death' } as const;
const EVENTS = { AWARDED: 'STARTED', CHANGED: 'CHANGED', TERMINATED: 'STOPPED', PAID: 'PAYMENT_MADE' } as const;

const wireHistory = z.object({
  GetCustomerHistoryResponse: z.object({
    NINO: z.string(),
    Updates: z.preprocess((value) => (value === '' ? {} : value), z.object({ Update: repeated(z.object({ ClientReference: z.string(), ChangeType: z.enum(['ADDRESS', 'CONTACT', 'DEATH']), EffectiveDate: z.string(), AppliedAt: z.string() })) })),
    AwardEvents: z.preprocess(
      (value) => (value === '' ? {} : value),
      z.object({ AwardEvent: repeated(z.object({ EventCode: z.enum(['AWARDED', 'CHANGED', 'TERMINATED', 'PAID']), EventDate: z.string(), AmountPence: z.string().regex(/^\d*$/) })) }),
    ),
  }),
});

function requiredDate(compact: string): string {
  const date = fromYyyymmdd(compact);
  if (date === null) throw new TypeError('PSCS history date is blank');
  return date;
}

/** A GetCustomerHistory answer for `nino`: its updates (a repeat listed twice) and award events; null for NO_RECORD. */
export function mapPscsHistory(nino: string, xml: string): HistoryByNino {
  const result = soapResult(xml);
  if (result.kind === 'fault') {
    if (result.faultCode === NO_RECORD_FAULT) return new Map([[nino, null]]);
    throw faultError(result.faultCode);
  }
  const history = mapWire('pscs', wireHistory, result.body, ({ GetCustomerHistoryResponse: wire }): SystemHistory => ({
    changes: wire.Updates.Update.map((update) => ({
      reference: update.ClientReference,
      kind: CHANGE_KINDS[update.ChangeType],
      effectiveDate: requiredDate(update.EffectiveDate),
      appliedAt: fromYyyymmddhhmmss(update.AppliedAt),
    })),
    events: wire.AwardEvents.AwardEvent.map((event) => ({
      benefitCode: PSCS_BENEFIT_CODE,
      event: EVENTS[event.EventCode],
      date: requiredDate(event.EventDate),
      amountPence: event.AmountPence === '' ? null : Number(event.AmountPence),
    })),
  }));
  return new Map([[nino, history]]);
}
