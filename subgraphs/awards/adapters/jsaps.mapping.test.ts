import { describe, expect, it } from 'vitest';
import type { Award } from '../domain.ts';
import { expectLegacyFailure } from './fixtures/expect-legacy-failure.ts';
import { readFixture } from './fixtures/read-fixture.ts';
import { mapJsapsEnquiry } from './jsaps.mapping.ts';

const enquiry = readFixture('jsaps-enquiry.txt');

const incomeBasedJsa: Award = {
  benefit: 'JOBSEEKERS_ALLOWANCE',
  source: 'JSAPS',
  status: 'LIVE',
  startDate: '2017-05-14',
  endDate: null,
  reviewDate: null,
  paymentFrequency: 'FORTNIGHTLY',
  amountPence: 2 * 9555,
  weeklyAmountPence: 9555,
  components: [{ kind: 'INCOME_BASED', rate: null, weeklyAmountPence: 9555, monthlyAmountPence: null }],
  pattern: { kind: 'REGULAR', lastPaidDate: '2026-11-18', payDay: 3 },
  habitualResidence: null,
  lumpSum: null,
  expectedDeliveryDate: null,
};

describe('mapJsapsEnquiry', () => {
  const awards = mapJsapsEnquiry(enquiry);

  it.each<[string, string, Array<Partial<Award>>]>([
    ['income-based JSA, with DDMMYYYY dates and pence', 'QQ123456A', [incomeBasedJsa]],
    [
      'an ended income-related ESA and a suspended contribution-based ESA',
      'QQ123457B',
      [
        { benefit: 'EMPLOYMENT_AND_SUPPORT_ALLOWANCE', status: 'ENDED', endDate: '2024-05-31', components: [{ kind: 'INCOME_RELATED', rate: null, weeklyAmountPence: 9555, monthlyAmountPence: null }] },
        { benefit: 'EMPLOYMENT_AND_SUPPORT_ALLOWANCE', status: 'SUSPENDED', amountPence: 15130, components: [{ kind: 'CONTRIBUTION_BASED', rate: null, weeklyAmountPence: 7565, monthlyAmountPence: null }] },
      ],
    ],
    ['Income Support, which has no basis component', 'QQ123458C', [{ benefit: 'INCOME_SUPPORT', status: 'LIVE', amountPence: 19110, components: [], pattern: { kind: 'REGULAR', lastPaidDate: '2026-11-20', payDay: 5 } }]],
  ])('maps %s', (_name, nino, expected) => {
    const mapped = awards.get(nino);
    expect(mapped).toHaveLength(expected.length);
    expected.forEach((award, index) => expect(mapped?.[index]).toMatchObject(award));
  });

  it('lists nothing for a NINO JSAPS did not find (NFD)', () => {
    expect(awards.has('QQ999999D')).toBe(false);
  });

  const firstClaim = enquiry.split('\n')[1]!;
  it.each([
    ['a trailer count that disagrees (an answer cut short)', enquiry.replace('TRL|5', 'TRL|6')],
    ['a header count that disagrees', enquiry.replace('HDR|JSAPS|5', 'HDR|JSAPS|4')],
    ['a missing trailer', enquiry.replace('TRL|5\n', '')],
    ['an unknown record type', enquiry.replace('NFD|', 'XXX|')],
    ['an unknown benefit', enquiry.replace(firstClaim, firstClaim.replace('|JSA|', '|DLA|'))],
    ['a basis that does not fit the benefit', enquiry.replace(firstClaim, firstClaim.replace('|JSA|IB|', '|JSA|IR|'))],
    ['an impossible date', enquiry.replace(firstClaim, firstClaim.replace('14052017', '31022017'))],
    ['a YYYYMMDD date', enquiry.replace(firstClaim, firstClaim.replace('14052017', '20170514'))],
    ['an amount that is not eight digits', enquiry.replace(firstClaim, firstClaim.replace('00009555', '95.55'))],
    ['a record with a field missing', enquiry.replace(firstClaim, firstClaim.replace(/\|3$/, ''))],
  ])('treats %s as JSAPS failing', async (_name, text) => {
    await expectLegacyFailure(() => mapJsapsEnquiry(text), 'jsaps');
  });
});
