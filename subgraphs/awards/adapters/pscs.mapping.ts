import { z } from 'zod';
import { fromYyyymmdd, mapWire, parseSoapResponse } from '../../../platform/formats/index.ts';
import { LegacyError, LegacyFaultError } from '../../../platform/errors/index.ts';
import type { Award } from '../domain.ts';
import { amountPerPaymentPence, PAYMENT_FREQUENCY_CODES, payDayFromCode, wirePayDayCode } from './payment-terms.ts';

/** PSCS answers a NINO with no State Pension record with this fault: no award, not a failure. */
const NO_RECORD_FAULT = 'NO_RECORD';

const wireAward = z.object({
  NINO: z.string(),
  SchemeCode: z.enum(['NSP', 'BSP']),
  /** IP in payment, DF deferred, TM terminated (PSCS was told of a death). */
  StatusCode: z.enum(['IP', 'DF', 'TM']),
  WeeklyRatePence: z.string().regex(/^\d+$/),
  StatePensionDate: z.string(),
  AwardStartDate: z.string(),
  /** The last day paid for once terminated; absent or blank while the award runs. */
  AwardEndDate: z.string().default(''),
  PaymentDayCode: wirePayDayCode,
  PaymentCycle: z.enum(['1W', '2W', '4W']),
  LastPaidDate: z.string(),
});

const wireBody = z.object({ GetPensionAwardResponse: z.object({ Award: wireAward }) });

const PSCS_STATUSES = { IP: 'LIVE', DF: 'DEFERRED', TM: 'ENDED' } as const;

function toAward(wire: z.infer<typeof wireAward>): Award {
  const weeklyAmountPence = Number(wire.WeeklyRatePence);
  const frequency = PAYMENT_FREQUENCY_CODES[wire.PaymentCycle]!;
  return {
    benefit: 'STATE_PENSION',
    source: 'PSCS',
    status: PSCS_STATUSES[wire.StatusCode],
    startDate: fromYyyymmdd(wire.AwardStartDate),
    endDate: fromYyyymmdd(wire.AwardEndDate),
    reviewDate: null,
    paymentFrequency: frequency,
    amountPence: amountPerPaymentPence(weeklyAmountPence, frequency),
    weeklyAmountPence,
    components: [{ kind: wire.SchemeCode === 'NSP' ? 'NEW_STATE_PENSION' : 'BASIC_STATE_PENSION', rate: null, weeklyAmountPence, monthlyAmountPence: null }],
    pattern: { kind: 'REGULAR', lastPaidDate: fromYyyymmdd(wire.LastPaidDate), payDay: payDayFromCode(wire.PaymentDayCode) },
    habitualResidence: null,
    lumpSum: null,
    expectedDeliveryDate: null,
  };
}

/**
 * A GetPensionAward SOAP response → the citizen's State Pension award, or null for a
 * NO_RECORD fault. Any other fault, or a document that is not a SOAP envelope (a proxy's
 * HTML error page), is PSCS failing.
 */
export function mapPensionAwardResponse(xml: string): Award | null {
  let result: ReturnType<typeof parseSoapResponse>;
  try {
    result = parseSoapResponse(xml);
  } catch (cause) {
    throw new LegacyError('LEGACY_UNAVAILABLE', 'pscs', { cause });
  }
  if (result.kind === 'fault') {
    if (result.faultCode === NO_RECORD_FAULT) return null;
    throw new LegacyError('LEGACY_UNAVAILABLE', 'pscs', { cause: new LegacyFaultError('SOAP_FAULT', result.faultCode) });
  }
  return mapWire('pscs', wireBody, result.body, (body) => toAward(body.GetPensionAwardResponse.Award));
}
