import { describe, expect, it } from 'vitest';
import type { Award } from '../domain.ts';
import { expectLegacyFailure } from './fixtures/expect-legacy-failure.ts';
import { readJsonFixture } from './fixtures/read-fixture.ts';
import { mapUcClaimants } from './uc.mapping.ts';

const batch = readJsonFixture('uc-claimants-batch-get.json');

describe('mapUcClaimants', () => {
  const awards = mapUcClaimants(batch);

  it.each<[string, string, Partial<Award>]>([
    [
      'an open claim as a live monthly award paid at the newest assessment period\'s amount, with the pregnancy it records',
      'QQ123457B',
      {
        benefit: 'UNIVERSAL_CREDIT',
        source: 'UC',
        status: 'LIVE',
        startDate: '2024-03-14',
        endDate: null,
        paymentFrequency: 'MONTHLY',
        amountPence: 137041,
        weeklyAmountPence: null,
        components: [
          { kind: 'STANDARD_ALLOWANCE', rate: null, weeklyAmountPence: null, monthlyAmountPence: 66697 },
          { kind: 'CHILD', rate: null, weeklyAmountPence: null, monthlyAmountPence: 30394 },
          { kind: 'HOUSING_COSTS', rate: null, weeklyAmountPence: null, monthlyAmountPence: 65000 },
        ],
        habitualResidence: { outcome: 'PASSED', decidedOn: '2024-03-20' },
        expectedDeliveryDate: '2027-03-01',
      },
    ],
    [
      'a closed claim as ended with its last assessment period',
      'QQ123459D',
      {
        status: 'ENDED',
        endDate: '2025-03-30',
        amountPence: 0,
        components: [
          { kind: 'STANDARD_ALLOWANCE', rate: null, weeklyAmountPence: null, monthlyAmountPence: 42490 },
          { kind: 'LIMITED_CAPABILITY_FOR_WORK_AND_WORK_RELATED_ACTIVITY', rate: null, weeklyAmountPence: null, monthlyAmountPence: 42980 },
        ],
        habitualResidence: { outcome: 'FAILED', decidedOn: '2025-02-10' },
        expectedDeliveryDate: null,
      },
    ],
  ])('maps %s', (_name, nino, expected) => {
    expect(awards.get(nino)).toMatchObject(expected);
  });

  it('keeps the assessment periods newest first with their earnings, award and payment date', () => {
    expect(awards.get('QQ123457B')?.pattern).toEqual({
      kind: 'ASSESSMENT_PERIODS',
      startDay: 14,
      periods: [
        { start: '2026-10-14', end: '2026-11-13', earningsPence: 43500, awardPence: 137041, paymentDate: '2026-11-20' },
        { start: '2026-09-14', end: '2026-10-13', earningsPence: 61667, awardPence: 127456, paymentDate: '2026-10-20' },
        { start: '2026-08-14', end: '2026-09-13', earningsPence: 0, awardPence: 162091, paymentDate: '2026-09-20' },
      ],
    });
  });

  it('puts periods listed out of order newest first', () => {
    const claimant = structuredClone((batch.claimants as Array<{ claim: { assessmentPeriods: unknown[] } }>)[0]!);
    claimant.claim.assessmentPeriods.reverse();
    const award = mapUcClaimants({ claimants: [claimant], notFound: [] }).get('QQ123457B');
    expect(award?.pattern.kind === 'ASSESSMENT_PERIODS' && award.pattern.periods.map((period) => period.start)).toEqual(['2026-10-14', '2026-09-14', '2026-08-14']);
  });

  it('has no award for a NINO the platform did not find', () => {
    expect(awards.has('QQ999999D')).toBe(false);
    expect(awards.size).toBe(2);
  });

  it.each([
    ['a missing claimants list', { notFound: [] }],
    ['amounts in pounds instead of pence', { claimants: [{ nino: 'QQ123457B', claim: { ...claimOf(0), elements: [{ code: 'CHILD', monthlyPence: 303.94 }] } }], notFound: [] }],
    ['an unknown element', { claimants: [{ nino: 'QQ123457B', claim: { ...claimOf(0), elements: [{ code: 'SEVERE_DISABILITY', monthlyPence: 100 }] } }], notFound: [] }],
    ['a date that is not ISO', { claimants: [{ nino: 'QQ123457B', claim: { ...claimOf(0), startDate: '14/03/2024' } }], notFound: [] }],
    ['an impossible expected date of delivery', { claimants: [{ nino: 'QQ123457B', claim: { ...claimOf(0), expectedDeliveryDate: '2027-02-30' } }], notFound: [] }],
  ])('treats %s as the UC platform failing', async (_name, payload) => {
    await expectLegacyFailure(() => mapUcClaimants(payload), 'uc');
  });
});

function claimOf(index: number): Record<string, unknown> {
  return (batch.claimants as Array<{ claim: Record<string, unknown> }>)[index]!.claim;
}
