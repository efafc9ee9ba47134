import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { toCompact } from '../population/dates.ts';
import type { StatePensionAward } from '../population/types.ts';
import type { PopulationIndex } from './population-index.ts';
import { xml } from './responses.ts';
import type { LegacySystem, SystemRequest, SystemResponse } from './types.ts';

/** The State Pension mainframe's SOAP 1.1 front: one NINO per call, faults for everything else. */
const SOAP_ACTION = 'urn:pscs:GetPensionAward';
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

function awardXml(nino: string, award: StatePensionAward): string {
  const field = (name: string, value: string | number) => `<psc:${name}>${value}</psc:${name}>`;
  return (
    '<psc:GetPensionAwardResponse><psc:Award>' +
    field('NINO', nino) +
    field('SchemeCode', award.scheme) +
    field('StatusCode', award.status) +
    field('WeeklyRatePence', award.weeklyPence) +
    field('StatePensionDate', toCompact(award.statePensionDate)) +
    field('AwardStartDate', toCompact(award.awardStartDate)) +
    field('PaymentDayCode', award.payDay) +
    field('PaymentCycle', '4W') +
    field('LastPaidDate', toCompact(award.lastPaidDate)) +
    '</psc:Award></psc:GetPensionAwardResponse>'
  );
}

function requestedNino(request: SystemRequest): string | undefined {
  const action = String(request.headers['soapaction'] ?? '').replaceAll('"', '').trim();
  if (action !== SOAP_ACTION || XMLValidator.validate(request.body) !== true) return undefined;
  const document = parser.parse(request.body) as { Envelope?: { Body?: { GetPensionAwardRequest?: { NINO?: unknown } } } };
  const nino = document.Envelope?.Body?.GetPensionAwardRequest?.NINO;
  return typeof nino === 'string' && nino !== '' ? nino : undefined;
}

function getPensionAward(population: PopulationIndex) {
  return (request: SystemRequest): SystemResponse => {
    const nino = requestedNino(request);
    if (nino === undefined) return fault('psc:BAD_REQUEST', 'Request is not a GetPensionAwardRequest with a NINO');
    const person = population.byNino(nino);
    if (!person?.statePension) return fault('psc:NO_RECORD', 'No State Pension record for the NINO supplied');
    return xml(200, envelope(awardXml(person.nino, person.statePension)));
  };
}

export function createPscsSystem(population: PopulationIndex): LegacySystem {
  return {
    id: 'pscs',
    routes: [{ method: 'POST', pattern: /^\/StatePensionService$/, operation: 'GetPensionAward', handle: getPensionAward(population) }],
    failure: (status, message) => fault(status >= 500 ? 'soapenv:Server' : 'soapenv:Client', message, status),
    malformed: () => xml(200, envelope('')),
  };
}
