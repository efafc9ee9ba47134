import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOWCASE } from '../legacy-estate/index.ts';
import { startTestSystem, type TestSystem } from './harness.ts';

/**
 * The partner checks through the gateway as partners call them: persisted operations with a
 * partner token naming the check's scope, answered from UC, CIS and JSAPS by the rules of
 * domain.md, each answer's reference findable in the audit and its time from the system clock.
 */

// Midnight and a bit of today (UTC), so the estate's `asOf` and the subgraphs' `today` agree.
const CHECKED_AT = `${new Date().toISOString().slice(0, 10)}T00:00:00.123Z`;

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem({ POPULATION_SIZE: '200' }, { clock: () => new Date(CHECKED_AT) });
});
afterAll(() => system?.close());

const partner = (scope: string, org: string) => system.as({ role: 'partner', org, scopes: [scope] });

async function check(operation: string, field: string, scope: string, org: string, nino: string) {
  const result = await system.persisted(operation, { nino }, await partner(scope, org));
  expect(result.body.errors).toBeUndefined();
  return result.body.data![field] as { eligible?: boolean; outcome?: string; benefit?: string | null; decidedOn?: string | null; reference: string; checkedAt: string };
}

const prescriptions = (nino: string) => check('PrescriptionExemptionCheck', 'prescriptionExemption', 'check:prescription-exemption', 'NHS', nino);
const schoolMeals = (nino: string) => check('FreeSchoolMealsCheck', 'freeSchoolMeals', 'check:free-school-meals', 'LA', nino);
const healthyStart = (nino: string) => check('HealthyStartCheck', 'healthyStart', 'check:healthy-start', 'NHS', nino);
const rightToReside = (nino: string) => check('RightToResideCheck', 'rightToReside', 'check:right-to-reside', 'HOME_OFFICE', nino);

describe('partner checks count the legacy benefits on JSAPS', () => {
  it.each([
    ['income-based JSA', SHOWCASE.jsaClaimant.nino],
    ['Income Support', SHOWCASE.incomeSupportParent.nino],
  ])('%s passports to free prescriptions and free school meals', async (_benefit, nino) => {
    expect((await prescriptions(nino)).eligible).toBe(true);
    expect((await schoolMeals(nino)).eligible).toBe(true);
  });

  it('shows JSA and Income Support in the single view, read from JSAPS', async () => {
    const query = /* GraphQL */ `query Awards($nino: NINO!) { citizen(nino: $nino) { awards { benefit source status weeklyAmount components { kind } } } }`;
    const gary = await system.graphql(query, { nino: SHOWCASE.jsaClaimant.nino });
    expect(gary.body.errors).toBeUndefined();
    expect(gary.body.data!.citizen.awards).toEqual([{ benefit: 'JOBSEEKERS_ALLOWANCE', source: 'JSAPS', status: 'LIVE', weeklyAmount: '95.55', components: [{ kind: 'INCOME_BASED' }] }]);
    const kerry = await system.graphql(query, { nino: SHOWCASE.incomeSupportParent.nino });
    expect(kerry.body.data!.citizen.awards).toContainEqual({ benefit: 'INCOME_SUPPORT', source: 'JSAPS', status: 'LIVE', weeklyAmount: '95.55', components: [] });
  });
});

describe('Healthy Start needs pregnancy or a child under 4 as well as a benefit', () => {
  it.each([
    ['Income Support with a daughter under 4 (children from CIS)', SHOWCASE.incomeSupportParent.nino, true],
    ['UC with low pay, no children, 20 weeks pregnant (from the UC record)', SHOWCASE.pregnantClaimant.nino, true],
    ['UC with low pay and a child under 4', SHOWCASE.ucFamily.nino, true],
    ['income-based JSA with no child and no pregnancy', SHOWCASE.jsaClaimant.nino, false],
    ['Pension Credit without the child addition', SHOWCASE.pensionerCouple.nino, false],
    ['UC with no children and no pregnancy', SHOWCASE.restrictedRecord.nino, false],
  ])('%s answers %s', async (_case, nino, expected) => {
    expect((await healthyStart(nino)).eligible).toBe(expected);
  });
});

describe('right to reside', () => {
  it('answers with the Pension Credit claim’s determination for a pensioner without UC', async () => {
    expect(await rightToReside(SHOWCASE.pensionerCouple.nino)).toMatchObject({ outcome: 'PASSED', benefit: 'PENSION_CREDIT', decidedOn: '2013-06-11' });
  });

  it('still answers with the UC determination for a UC claimant', async () => {
    expect(await rightToReside(SHOWCASE.pipClaimant.nino)).toMatchObject({ outcome: 'PASSED', benefit: 'UNIVERSAL_CREDIT', decidedOn: '2022-01-18' });
  });
});

describe('a disputed check', () => {
  const AUDIT_BY_REFERENCE = /* GraphQL */ `
    query Disputed($reference: String) {
      auditLog(reference: $reference) { entries { organisation role citizens fields references outcome } }
    }
  `;

  it('is found in the audit by the reference its answer carried, and was made at the clock’s time', async () => {
    const answer = await healthyStart(SHOWCASE.pregnantClaimant.nino);
    expect(answer.checkedAt).toBe(CHECKED_AT);
    const other = await healthyStart(SHOWCASE.pregnantClaimant.nino);
    expect(other.reference).not.toBe(answer.reference);

    const auditor = await system.as({ role: 'auditor', subject: 'auditor-disputes' });
    const result = await system.graphql(AUDIT_BY_REFERENCE, { reference: answer.reference.toUpperCase() }, auditor);
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data!.auditLog.entries).toEqual([
      { organisation: 'NHS', role: 'partner', citizens: [SHOWCASE.pregnantClaimant.nino], fields: ['awards.Query.healthyStart'], references: [answer.reference], outcome: 'ALLOWED' },
    ]);
  });

  it('names the children whose dates of birth the answer read', async () => {
    const { nino, childNinos } = SHOWCASE.incomeSupportParent;
    const answer = await healthyStart(nino);
    const auditor = await system.as({ role: 'auditor', subject: 'auditor-disputes' });
    const result = await system.graphql(AUDIT_BY_REFERENCE, { reference: answer.reference }, auditor);
    expect(result.body.data!.auditLog.entries.map((entry: { citizens: string[] }) => entry.citizens)).toEqual([[nino, ...childNinos].sort()]);
  });

  it('refuses a reference that could not have been issued with INVALID_ARGUMENT', async () => {
    const auditor = await system.as({ role: 'auditor', subject: 'auditor-disputes' });
    const result = await system.graphql(AUDIT_BY_REFERENCE, { reference: 'not-a-reference' }, auditor);
    expect(result.body.errors?.map((error) => error.extensions?.code)).toEqual(['INVALID_ARGUMENT']);
  });
});
