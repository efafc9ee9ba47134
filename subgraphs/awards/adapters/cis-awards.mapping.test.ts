import { describe, expect, it } from 'vitest';
import type { Award } from '../domain.ts';
import { mapCisAwards } from './cis-awards.mapping.ts';
import { expectLegacyFailure } from './fixtures/expect-legacy-failure.ts';
import { readJsonFixture } from './fixtures/read-fixture.ts';

const enquiry = readJsonFixture('cis-awards-enquiry.json');
const awardList = enquiry.AWARD_LIST as Array<Record<string, string>>;

const pensionCredit: Award = {
  benefit: 'PENSION_CREDIT',
  source: 'CIS',
  status: 'LIVE',
  startDate: '2023-04-10',
  endDate: null,
  reviewDate: null,
  paymentFrequency: 'FOUR_WEEKLY',
  amountPence: 4 * 6688,
  weeklyAmountPence: 6688,
  components: [
    { kind: 'GUARANTEE_CREDIT', rate: null, weeklyAmountPence: 5240, monthlyAmountPence: null },
    { kind: 'SAVINGS_CREDIT', rate: null, weeklyAmountPence: 1448, monthlyAmountPence: null },
  ],
  pattern: { kind: 'REGULAR', lastPaidDate: '2026-11-11', payDay: 3 },
  habitualResidence: { outcome: 'PASSED', decidedOn: '2023-04-18' },
  lumpSum: null,
  expectedDeliveryDate: null,
};

describe('mapCisAwards', () => {
  const awards = mapCisAwards(awardList);

  it.each<[string, string, Array<Partial<Award>>]>([
    ['one award from a benefit listed once per component', 'QQ123456A', [pensionCredit]],
    [
      'Child Benefit for two children as one award, and an ended Carer\'s Allowance',
      'QQ123457B',
      [
        {
          benefit: 'CHILD_BENEFIT',
          status: 'LIVE',
          weeklyAmountPence: 4495,
          amountPence: 17980,
          components: [
            { kind: 'ELDEST_CHILD', rate: null, weeklyAmountPence: 2705, monthlyAmountPence: null },
            { kind: 'ADDITIONAL_CHILD', rate: null, weeklyAmountPence: 1790, monthlyAmountPence: null },
          ],
        },
        { benefit: 'CARERS_ALLOWANCE', status: 'ENDED', endDate: '2025-03-31', paymentFrequency: 'WEEKLY', amountPence: 8645, components: [] },
      ],
    ],
    [
      'a monthly Bereavement Support Payment at its monthly rate, with its lump sum',
      'QQ123458C',
      [
        {
          benefit: 'BEREAVEMENT_SUPPORT_PAYMENT',
          status: 'LIVE',
          endDate: '2027-07-04',
          paymentFrequency: 'MONTHLY',
          weeklyAmountPence: null,
          amountPence: 10000,
          lumpSum: { amountPence: 250000, date: '2026-01-05' },
        },
      ],
    ],
  ])('maps %s', (_name, nino, expected) => {
    const mapped = awards.get(nino);
    expect(mapped).toHaveLength(expected.length);
    expected.forEach((award, index) => expect(mapped?.[index]).toMatchObject(award));
  });

  it('adds a child addition component to Pension Credit paid with one', () => {
    const rows = awardList.filter((row) => row.NINO === 'QQ123456A').map((row) => ({ ...row, CHILD_ADD_IND: 'Y' }));
    expect(mapCisAwards(rows).get('QQ123456A')?.[0]?.components.map((component) => component.kind)).toEqual(['GUARANTEE_CREDIT', 'SAVINGS_CREDIT', 'CHILD_ADDITION']);
  });

  it('lists nothing for a NINO CIS did not find', () => {
    expect(awards.has('QQ999999D')).toBe(false);
  });

  it('reads every award as sourced from CIS', () => {
    expect([...awards.values()].flat().every((award) => award.source === 'CIS')).toBe(true);
  });

  it.each([
    ['an amount without pence', { WKLY_AMT: '238.0' }],
    ['an unknown benefit code', { BEN_CD: 'JSA' }],
    ['neither a weekly nor a monthly rate', { WKLY_AMT: '' }],
    ['both a weekly and a monthly rate', { MTHLY_AMT: '100.00' }],
    ['an unknown component code', { COMPONENT_CD: 'XX' }],
    ['an impossible date', { START_DT: '20260230' }],
    ['an unknown frequency', { PAY_FREQ_CD: '3W' }],
    ['a missing field', { LAST_PAID_DT: undefined }],
    ['an unknown habitual-residence outcome', { HRT_OUTCOME_CD: 'X' }],
    ['an impossible habitual-residence decision date', { HRT_DECISION_DT: '20230231' }],
  ])('treats %s as CIS failing', async (_name, change) => {
    await expectLegacyFailure(() => mapCisAwards([{ ...awardList[0], ...change }]), 'cis');
  });
});
