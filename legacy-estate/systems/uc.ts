import type { UniversalCreditClaim } from '../population/types.ts';
import type { PopulationIndex } from './population-index.ts';
import { json, stringListIn } from './responses.ts';
import type { LegacySystem, SystemRequest, SystemResponse } from './types.ts';

/** The Universal Credit platform: camelCase JSON, ISO dates, money in pence, RFC 9457 problems, 50 NINOs per call. */
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

function batchGet(population: PopulationIndex) {
  return (request: SystemRequest): SystemResponse => {
    const ninos = stringListIn(request.body, 'ninos');
    if (!ninos) return problem(400, 'Invalid request', 'The body must be {"ninos": [string, ...]}.');
    if (ninos.length > BATCH_LIMIT) return problem(400, 'Batch too large', `At most ${BATCH_LIMIT} NINOs per request.`);
    const claimants: { nino: string; claim: ReturnType<typeof claimRecord> }[] = [];
    const notFound: string[] = [];
    const seen = new Set<string>();
    for (const nino of ninos) {
      const person = population.byNino(nino);
      const claim = person?.universalCredit;
      if (!person || !claim) notFound.push(nino);
      else if (!seen.has(person.nino)) {
        seen.add(person.nino);
        claimants.push({ nino: person.nino, claim: claimRecord(claim) });
      }
    }
    return json(200, { claimants, notFound });
  };
}

export function createUcSystem(population: PopulationIndex): LegacySystem {
  return {
    id: 'uc',
    routes: [{ method: 'POST', pattern: /^\/v2\/claimants:batchGet$/, operation: 'batchGet', handle: batchGet(population) }],
    failure: (status, message) => problem(status, status >= 500 ? 'Service error' : 'Request error', message),
    malformed: () => json(200, {}),
  };
}
