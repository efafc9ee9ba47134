import type { IncomingHttpHeaders } from 'node:http';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { isIsoDate, toCompact } from '../population/dates.ts';
import type { StatePensionAward } from '../population/types.ts';
import type { PopulationIndex } from './population-index.ts';
import type { AppliedChange, SystemRecords } from './records.ts';
import { xml } from './responses.ts';
import type { LegacySystem, SystemRequest, SystemResponse } from './types.ts';
import { awardEvents, blankAsNull, createLedger, type ChangeToApply, type SystemLedger } from './writes.ts';

/**
 * The State Pension mainframe's SOAP 1.1 front: one NINO per call, faults for everything
 * else. Operations are told apart by SOAPAction. Its customer update is a mainframe
 * transaction: it applies whatever it is sent, so an update sent twice is applied twice.
 */
const ACTIONS = { award: 'urn:pscs:GetPensionAward', update: 'urn:pscs:UpdateCustomerDetails', history: 'urn:pscs:GetCustomerHistory' } as const;
const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, trimValues: true });

function envelope(body: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:psc="urn:dwp:pscs:v3">' +
    `<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`
  );
}

/** SOAP 1.1 answers every fault with HTTP 500 unless the transport itself fails. */
function fault(code: string, message: string, status = 500): SystemResponse {
  return xml(status, envelope(`<soapenv:Fault><faultcode>${code}</faultcode><faultstring>${message}</faultstring></soapenv:Fault>`));
}

const noRecord = () => fault('psc:NO_RECORD', 'No State Pension record for the NINO supplied');
const field = (name: string, value: string | number) => `<psc:${name}>${value}</psc:${name}>`;

function awardXml(nino: string, award: StatePensionAward): string {
  return (
    '<psc:GetPensionAwardResponse><psc:Award>' +
    field('NINO', nino) +
    field('SchemeCode', award.scheme) +
    field('StatusCode', award.status) +
    field('WeeklyRatePence', award.weeklyPence) +
    field('StatePensionDate', toCompact(award.statePensionDate)) +
    field('AwardStartDate', toCompact(award.awardStartDate)) +
    field('AwardEndDate', toCompact(award.endDate)) +
    field('PaymentDayCode', award.payDay) +
    field('PaymentCycle', '4W') +
    field('LastPaidDate', toCompact(award.lastPaidDate)) +
    '</psc:Award></psc:GetPensionAwardResponse>'
  );
}

function soapAction(headers: IncomingHttpHeaders): string {
  return String(headers['soapaction'] ?? '').replaceAll('"', '').trim();
}

/** The operation element of a well-formed envelope's Body, or undefined. */
function operation(request: SystemRequest, name: string): Record<string, unknown> | undefined {
  if (XMLValidator.validate(request.body) !== true) return undefined;
  const document = parser.parse(request.body) as { Envelope?: { Body?: Record<string, unknown> } };
  const element = document.Envelope?.Body?.[name];
  return typeof element === 'object' && element !== null ? (element as Record<string, unknown>) : undefined;
}

function requestedNino(request: SystemRequest, name: string): string | undefined {
  const nino = operation(request, name)?.['NINO'];
  return typeof nino === 'string' && nino !== '' ? nino : undefined;
}

function getPensionAward(ledger: SystemLedger) {
  return (request: SystemRequest): SystemResponse => {
    const nino = requestedNino(request, 'GetPensionAwardRequest');
    if (nino === undefined) return fault('psc:BAD_REQUEST', 'Request is not a GetPensionAwardRequest with a NINO');
    const person = ledger.view(nino);
    if (!person?.statePension) return noRecord();
    return xml(200, envelope(awardXml(person.nino, person.statePension)));
  };
}

/** PSCS keeps no contact details: its update takes ADDRESS and DEATH only. */
const CHANGE_TYPES = { address: 'ADDRESS', contact: 'CONTACT', death: 'DEATH' } as const;
const compactDate = z.string().transform((compact) => (/^\d{8}$/.test(compact) ? `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}` : '')).refine(isIsoDate);
const updateBase = { NINO: z.string().min(1), ClientReference: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/), EffectiveDate: compactDate };
const updateRequest = z.discriminatedUnion('ChangeType', [
  z.object({
    ...updateBase,
    ChangeType: z.literal('ADDRESS'),
    Address: z.object({
      UPRN: z.string().regex(/^\d{1,12}$/),
      BuildingName: z.string(),
      BuildingNumber: z.string(),
      Thoroughfare: z.string().min(1),
      PostTown: z.string().min(1),
      Postcode: z.string().min(5).max(8),
      Protected: z.enum(['Y', 'N']),
    }),
  }),
  z.object({ ...updateBase, ChangeType: z.literal('DEATH'), DateOfDeath: compactDate }),
]);

function changeFrom(update: z.infer<typeof updateRequest>): ChangeToApply {
  const base = { nino: update.NINO, reference: update.ClientReference, effectiveDate: update.EffectiveDate };
  if (update.ChangeType === 'DEATH') return { ...base, kind: 'death', effectiveDate: update.DateOfDeath };
  const address = update.Address;
  return {
    ...base,
    kind: 'address',
    address: { uprn: address.UPRN, buildingName: blankAsNull(address.BuildingName), buildingNumber: blankAsNull(address.BuildingNumber), thoroughfare: address.Thoroughfare, postTown: address.PostTown, postcode: address.Postcode },
    restricted: address.Protected === 'Y',
  };
}

/** UpdateCustomerDetails: ACCEPTED with the customer's update count; NO_RECORD; INVALID_UPDATE for anything it cannot read. */
function updateCustomerDetails(ledger: SystemLedger) {
  return (request: SystemRequest): SystemResponse => {
    const parsed = updateRequest.safeParse(operation(request, 'UpdateCustomerDetailsRequest'));
    if (!parsed.success) return fault('psc:INVALID_UPDATE', 'UpdateCustomerDetailsRequest is not valid');
    const change = changeFrom(parsed.data);
    if (ledger.apply(change) === 'no-record') return noRecord();
    const person = ledger.view(change.nino)!;
    const body = field('Status', 'ACCEPTED') + field('UpdateNumber', ledger.changesOf(person).length);
    return xml(200, envelope(`<psc:UpdateCustomerDetailsResponse>${body}</psc:UpdateCustomerDetailsResponse>`));
  };
}

/** `YYYYMMDDHHMMSS` in UTC, as the mainframe stamps its transactions. */
function timestamp(iso: string): string {
  return iso.slice(0, 19).replace(/[-T:]/g, '');
}

function updateXml(change: AppliedChange): string {
  return `<psc:Update>${field('ClientReference', change.reference)}${field('ChangeType', CHANGE_TYPES[change.kind])}${field('EffectiveDate', toCompact(change.effectiveDate))}${field('AppliedAt', timestamp(change.appliedAt))}</psc:Update>`;
}

const EVENT_CODES = { STARTED: 'AWARDED', CHANGED: 'CHANGED', STOPPED: 'TERMINATED', PAID: 'PAID' } as const;
const WEEKS_PER_PAYMENT = 4;

function eventsXml(award: StatePensionAward): string {
  const events = awardEvents({ start: award.awardStartDate, end: award.endDate, stopped: award.status === 'TM', lastPaidDate: award.lastPaidDate, paymentPence: award.weeklyPence * WEEKS_PER_PAYMENT });
  return events.map((event) => `<psc:AwardEvent>${field('EventCode', EVENT_CODES[event.event])}${field('EventDate', toCompact(event.date))}${field('AmountPence', event.pence ?? '')}</psc:AwardEvent>`).join('');
}

/** GetCustomerHistory: every update applied, in order (a repeat shows twice), and the award's events. */
function getCustomerHistory(ledger: SystemLedger) {
  return (request: SystemRequest): SystemResponse => {
    const nino = requestedNino(request, 'GetCustomerHistoryRequest');
    if (nino === undefined) return fault('psc:BAD_REQUEST', 'Request is not a GetCustomerHistoryRequest with a NINO');
    const person = ledger.view(nino);
    if (!person?.statePension) return noRecord();
    const updates = ledger.changesOf(person).map(updateXml).join('');
    const body = `${field('NINO', person.nino)}<psc:Updates>${updates}</psc:Updates><psc:AwardEvents>${eventsXml(person.statePension)}</psc:AwardEvents>`;
    return xml(200, envelope(`<psc:GetCustomerHistoryResponse>${body}</psc:GetCustomerHistoryResponse>`));
  };
}

export function createPscsSystem(population: PopulationIndex, records: SystemRecords): LegacySystem {
  const ledger = createLedger(population, records, { holds: (person) => person.statePension !== null, idempotent: false });
  const path = /^\/StatePensionService$/;
  const action = (name: string) => (headers: IncomingHttpHeaders) => soapAction(headers) === name;
  return {
    id: 'pscs',
    routes: [
      { method: 'POST', pattern: path, accepts: action(ACTIONS.award), operation: 'GetPensionAward', handle: getPensionAward(ledger) },
      { method: 'POST', pattern: path, accepts: action(ACTIONS.history), operation: 'GetCustomerHistory', handle: getCustomerHistory(ledger) },
      { method: 'POST', pattern: path, accepts: action(ACTIONS.update), operation: 'UpdateCustomerDetails', handle: updateCustomerDetails(ledger), write: true },
      { method: 'POST', pattern: path, operation: 'unknownAction', handle: () => fault('psc:BAD_REQUEST', 'Unknown SOAPAction') },
    ],
    failure: (status, message) => fault(status >= 500 ? 'soapenv:Server' : 'soapenv:Client', message, status),
    malformed: () => xml(200, envelope('')),
    records,
  };
}
