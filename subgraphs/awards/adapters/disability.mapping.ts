import { z } from 'zod';
import { LegacyError } from '../../../platform/errors/index.ts';
import { fromYyyymmdd, mapWire, readFixedWidth, readTrailedRecords, type FixedWidthLayout } from '../../../platform/formats/index.ts';
import type { Award, AwardComponent, AwardStatus, Benefit, ComponentKind, ComponentRate } from '../domain.ts';
import { amountPerPaymentPence, payDayFromCode, wirePayDayCode } from './payment-terms.ts';

/** The award record layout, 1-based inclusive columns as the system's record specification writes them. */
const AWARD_RECORD = {
  recordType: { from: 1, to: 3 },
  nino: { from: 4, to: 12 },
  benefit: { from: 13, to: 16 },
  status: { from: 17, to: 17 },
  startDate: { from: 18, to: 25 },
  endOrReviewDate: { from: 26, to: 33 },
  careCode: { from: 34, to: 35 },
  carePence: { from: 36, to: 43 },
  mobilityCode: { from: 44, to: 45 },
  mobilityPence: { from: 46, to: 53 },
  lastPaidDate: { from: 54, to: 61 },
  payDayCode: { from: 62, to: 62 },
} as const satisfies FixedWidthLayout<string>;

const digits = z.string().regex(/^\d{8}$/);
const wireRecord = z.object({
  recordType: z.literal('AWD'),
  nino: z.string(),
  benefit: z.enum(['PIP', 'DLA', 'AA']),
  status: z.enum(['L', 'S', 'T']),
  startDate: z.string(),
  endOrReviewDate: z.string(),
  careCode: z.enum(['', 'DS', 'DE', 'CL', 'CM', 'CH', 'AL', 'AH']),
  carePence: digits.or(z.literal('')),
  mobilityCode: z.enum(['', 'MS', 'ME', 'ML', 'MH']),
  mobilityPence: digits.or(z.literal('')),
  lastPaidDate: z.string(),
  payDayCode: wirePayDayCode,
});
type WireRecord = z.infer<typeof wireRecord>;

const wireClaims = z.array(wireRecord);

const BENEFITS: Readonly<Record<WireRecord['benefit'], Benefit>> = {
  PIP: 'PERSONAL_INDEPENDENCE_PAYMENT',
  DLA: 'DISABILITY_LIVING_ALLOWANCE',
  AA: 'ATTENDANCE_ALLOWANCE',
};

const STATUSES: Readonly<Record<WireRecord['status'], AwardStatus>> = { L: 'LIVE', S: 'SUSPENDED', T: 'ENDED' };

const COMPONENTS: Readonly<Record<string, { kind: ComponentKind; rate: ComponentRate }>> = {
  DS: { kind: 'DAILY_LIVING', rate: 'STANDARD' },
  DE: { kind: 'DAILY_LIVING', rate: 'ENHANCED' },
  CL: { kind: 'CARE', rate: 'LOWEST' },
  CM: { kind: 'CARE', rate: 'MIDDLE' },
  CH: { kind: 'CARE', rate: 'HIGHEST' },
  AL: { kind: 'ATTENDANCE', rate: 'LOWER' },
  AH: { kind: 'ATTENDANCE', rate: 'HIGHER' },
  MS: { kind: 'MOBILITY', rate: 'STANDARD' },
  ME: { kind: 'MOBILITY', rate: 'ENHANCED' },
  ML: { kind: 'MOBILITY', rate: 'LOWER' },
  MH: { kind: 'MOBILITY', rate: 'HIGHER' },
};

function toComponent(code: string, pence: string): AwardComponent | null {
  const component = COMPONENTS[code];
  if (!component) return null;
  return { kind: component.kind, rate: component.rate, weeklyAmountPence: Number(pence || '0'), monthlyAmountPence: null };
}

function toAward(record: WireRecord): Award {
  const components = [toComponent(record.careCode, record.carePence), toComponent(record.mobilityCode, record.mobilityPence)].filter((c) => c !== null);
  const weeklyAmountPence = components.reduce((sum, component) => sum + (component.weeklyAmountPence ?? 0), 0);
  const ended = record.status === 'T';
  // Columns 26-33 hold the end date of a terminated award and the review date of any other.
  const endOrReview = fromYyyymmdd(record.endOrReviewDate);
  return {
    benefit: BENEFITS[record.benefit],
    source: 'DISABILITY',
    status: STATUSES[record.status],
    startDate: fromYyyymmdd(record.startDate),
    endDate: ended ? endOrReview : null,
    reviewDate: ended ? null : endOrReview,
    paymentFrequency: 'FOUR_WEEKLY',
    amountPence: amountPerPaymentPence(weeklyAmountPence, 'FOUR_WEEKLY'),
    weeklyAmountPence,
    components,
    pattern: { kind: 'REGULAR', lastPaidDate: fromYyyymmdd(record.lastPaidDate), payDay: payDayFromCode(record.payDayCode) },
    habitualResidence: null,
    lumpSum: null,
    expectedDeliveryDate: null,
  };
}

/**
 * A `claims` answer (80-character award records, then a trailer with the record count) → the
 * citizen's disability awards. A count that disagrees with the records means the answer was
 * cut short, so it fails rather than show half the awards.
 */
export function mapDisabilityClaims(text: string): Award[] {
  let records: string[];
  try {
    records = readTrailedRecords(text);
  } catch (cause) {
    throw new LegacyError('LEGACY_UNAVAILABLE', 'disability', { cause });
  }
  return mapWire('disability', wireClaims, records.map((line) => readFixedWidth(line, AWARD_RECORD)), (claims) => claims.map(toAward));
}
