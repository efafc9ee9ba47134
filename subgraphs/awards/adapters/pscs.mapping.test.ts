import { describe, expect, it } from 'vitest';
import { soapEnvelope } from '../../../platform/formats/index.ts';
import type { Award } from '../domain.ts';
import { expectLegacyFailure } from './fixtures/expect-legacy-failure.ts';
import { readFixture } from './fixtures/read-fixture.ts';
import { mapPensionAwardResponse } from './pscs.mapping.ts';

const IN_PAYMENT: Award = {
  benefit: 'STATE_PENSION',
  source: 'PSCS',
  status: 'LIVE',
  startDate: '2022-05-12',
  endDate: null,
  reviewDate: null,
  paymentFrequency: 'FOUR_WEEKLY',
  amountPence: 96520,
  weeklyAmountPence: 24130,
  components: [{ kind: 'NEW_STATE_PENSION', rate: null, weeklyAmountPence: 24130, monthlyAmountPence: null }],
  pattern: { kind: 'REGULAR', lastPaidDate: '2026-11-11', payDay: 3 },
  habitualResidence: null,
  lumpSum: null,
  expectedDeliveryDate: null,
};

describe('mapPensionAwardResponse', () => {
  it.each<[string, string, Award | null]>([
    [
      'a new State Pension in payment, four-weekly',
      'pscs-award-in-payment.xml',
      IN_PAYMENT,
    ],
    [
      'a deferred basic State Pension with no start date',
      'pscs-award-deferred.xml',
      {
        benefit: 'STATE_PENSION',
        source: 'PSCS',
        status: 'DEFERRED',
        startDate: null,
        endDate: null,
        reviewDate: null,
        paymentFrequency: 'FOUR_WEEKLY',
        amountPence: 73960,
        weeklyAmountPence: 18490,
        components: [{ kind: 'BASIC_STATE_PENSION', rate: null, weeklyAmountPence: 18490, monthlyAmountPence: null }],
        pattern: { kind: 'REGULAR', lastPaidDate: null, payDay: 5 },
        habitualResidence: null,
        lumpSum: null,
        expectedDeliveryDate: null,
      },
    ],
    [
      'a State Pension terminated on a death, ended on the date of death',
      'pscs-award-terminated.xml',
      { ...IN_PAYMENT, status: 'ENDED', endDate: '2026-11-20' },
    ],
    ['the NO_RECORD fault as no award', 'pscs-fault-no-record.xml', null],
  ])('maps %s', (_name, fixture, expected) => {
    expect(mapPensionAwardResponse(readFixture(fixture))).toEqual(expected);
  });

  it.each([
    ['any other fault', readFixture('pscs-fault-bad-request.xml')],
    ['an HTML error page from a proxy', '<html><body><h1>502 Bad Gateway</h1></body></html>'],
    ['a body without an award', soapEnvelope('psc', 'urn:dwp:pscs:v3', '<psc:GetPensionAwardResponse/>')],
    ['an unknown scheme code', readFixture('pscs-award-in-payment.xml').replace('>NSP<', '>GRP<')],
    ['a weekly rate in pounds', readFixture('pscs-award-in-payment.xml').replace('>24130<', '>241.30<')],
  ])('treats %s as PSCS failing', async (_name, xml) => {
    await expectLegacyFailure(() => mapPensionAwardResponse(xml), 'pscs');
  });
});
