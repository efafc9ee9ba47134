import { describe, expect, it } from 'vitest';
import type { Award } from '../domain.ts';
import { mapDisabilityClaims } from './disability.mapping.ts';
import { expectLegacyFailure } from './fixtures/expect-legacy-failure.ts';
import { readFixture } from './fixtures/read-fixture.ts';

describe('mapDisabilityClaims', () => {
  it.each<[string, string, Award[]]>([
    [
      'PIP with enhanced daily living and enhanced mobility, its end date read as a review date',
      'disability-claims-pip.txt',
      [
        {
          benefit: 'PERSONAL_INDEPENDENCE_PAYMENT',
          source: 'DISABILITY',
          status: 'LIVE',
          startDate: '2022-06-06',
          endDate: null,
          reviewDate: '2027-06-05',
          paymentFrequency: 'FOUR_WEEKLY',
          amountPence: 4 * 19460,
          weeklyAmountPence: 19460,
          components: [
            { kind: 'DAILY_LIVING', rate: 'ENHANCED', weeklyAmountPence: 11460, monthlyAmountPence: null },
            { kind: 'MOBILITY', rate: 'ENHANCED', weeklyAmountPence: 8000, monthlyAmountPence: null },
          ],
          pattern: { kind: 'REGULAR', lastPaidDate: '2026-11-09', payDay: 1 },
          habitualResidence: null,
          lumpSum: null,
          expectedDeliveryDate: null,
        },
      ],
    ],
    [
      'a live DLA with no review date and a terminated Attendance Allowance with its end date',
      'disability-claims-dla-aa.txt',
      [
        {
          benefit: 'DISABILITY_LIVING_ALLOWANCE',
          source: 'DISABILITY',
          status: 'LIVE',
          startDate: '2015-03-01',
          endDate: null,
          reviewDate: null,
          paymentFrequency: 'FOUR_WEEKLY',
          amountPence: 4 * 15670,
          weeklyAmountPence: 15670,
          components: [
            { kind: 'CARE', rate: 'MIDDLE', weeklyAmountPence: 7670, monthlyAmountPence: null },
            { kind: 'MOBILITY', rate: 'HIGHER', weeklyAmountPence: 8000, monthlyAmountPence: null },
          ],
          pattern: { kind: 'REGULAR', lastPaidDate: '2026-11-12', payDay: 4 },
          habitualResidence: null,
          lumpSum: null,
          expectedDeliveryDate: null,
        },
        {
          benefit: 'ATTENDANCE_ALLOWANCE',
          source: 'DISABILITY',
          status: 'ENDED',
          startDate: '2010-01-04',
          endDate: '2015-02-28',
          reviewDate: null,
          paymentFrequency: 'FOUR_WEEKLY',
          amountPence: 4 * 11460,
          weeklyAmountPence: 11460,
          components: [{ kind: 'ATTENDANCE', rate: 'HIGHER', weeklyAmountPence: 11460, monthlyAmountPence: null }],
          pattern: { kind: 'REGULAR', lastPaidDate: '2015-02-26', payDay: 4 },
          habitualResidence: null,
          lumpSum: null,
          expectedDeliveryDate: null,
        },
      ],
    ],
    ['a trailer alone as no awards', 'TRL000000'.padEnd(80) + '\n', []],
  ])('maps %s', (_name, fixtureOrText, expected) => {
    const text = fixtureOrText.endsWith('.txt') ? readFixture(fixtureOrText) : fixtureOrText;
    expect(mapDisabilityClaims(text)).toEqual(expected);
  });

  it('reads records with Windows line endings', () => {
    expect(mapDisabilityClaims(readFixture('disability-claims-dla-aa.txt').replaceAll('\n', '\r\n'))).toHaveLength(2);
  });

  const pipRecord = readFixture('disability-claims-pip.txt').split('\n')[0]!;
  it.each([
    ['a trailer count that disagrees with the records (a cut-short answer)', readFixture('disability-claims-short-trailer.txt')],
    ['no trailer', `${pipRecord}\n`],
    ['an empty body', ''],
    ['an unknown benefit', readFixture('disability-claims-pip.txt').replace('PIP ', 'ESA ')],
    ['an unknown component code', readFixture('disability-claims-pip.txt').replace('DE000', 'DX000')],
    ['an impossible start date', readFixture('disability-claims-pip.txt').replace('20220606', '20220631')],
    ['an amount that is not digits', readFixture('disability-claims-pip.txt').replace('00011460', '00114.60')],
  ])('treats %s as the disability system failing', async (_name, text) => {
    await expectLegacyFailure(() => mapDisabilityClaims(text), 'disability');
  });
});
