import { z } from 'zod';
import { fromYyyymmdd, mapWire, penceFromPoundsText } from '../../../platform/formats/index.ts';
import type { Award, AwardComponent, AwardStatus, Benefit, ComponentKind, HabitualResidence, HabitualResidenceOutcome, PaymentFrequency } from '../domain.ts';
import { amountPerPaymentPence, PAYMENT_FREQUENCY_CODES, payDayFromCode, wirePayDayCode } from './payment-terms.ts';

const wireAward = z.object({
  NINO: z.string(),
  BEN_CD: z.enum(['PC', 'CA', 'CHB', 'BSP']),
  STATUS_CD: z.enum(['LIVE', 'SUSP', 'TERM']),
  COMPONENT_CD: z.string(),
  /** Blank for a benefit with a monthly rate (BSP), which has MTHLY_AMT instead. */
  WKLY_AMT: z.string(),
  MTHLY_AMT: z.string(),
  LUMP_SUM_AMT: z.string(),
  LUMP_SUM_PAID_DT: z.string(),
  START_DT: z.string(),
  END_DT: z.string(),
  PAY_FREQ_CD: z.enum(['1W', '2W', '4W', '1M']),
  PAY_DAY_CD: wirePayDayCode,
  LAST_PAID_DT: z.string(),
  /** Pension Credit's additional amount for a child. */
  CHILD_ADD_IND: z.enum(['Y', 'N']),
  /** Pension Credit's habitual-residence determination; blank on other benefits. */
  HRT_OUTCOME_CD: z.enum(['P', 'F', 'N', '']),
  HRT_DECISION_DT: z.string(),
});
const wireAwardList = z.array(wireAward);
type WireAward = z.infer<typeof wireAward>;

const BENEFITS: Readonly<Record<WireAward['BEN_CD'], Benefit>> = {
  PC: 'PENSION_CREDIT',
  CA: 'CARERS_ALLOWANCE',
  CHB: 'CHILD_BENEFIT',
  BSP: 'BEREAVEMENT_SUPPORT_PAYMENT',
};

const HRT_OUTCOMES: Readonly<Record<Exclude<WireAward['HRT_OUTCOME_CD'], ''>, HabitualResidenceOutcome>> = { P: 'PASSED', F: 'FAILED', N: 'NOT_ASSESSED' };

const CHILD_ADDITION: AwardComponent = { kind: 'CHILD_ADDITION', rate: null, weeklyAmountPence: null, monthlyAmountPence: null };

function habitualResidenceOf(row: WireAward): HabitualResidence | null {
  return row.HRT_OUTCOME_CD === '' ? null : { outcome: HRT_OUTCOMES[row.HRT_OUTCOME_CD], decidedOn: fromYyyymmdd(row.HRT_DECISION_DT) };
}

const STATUSES: Readonly<Record<WireAward['STATUS_CD'], AwardStatus>> = { LIVE: 'LIVE', SUSP: 'SUSPENDED', TERM: 'ENDED' };

const COMPONENTS: Readonly<Record<string, ComponentKind>> = {
  GC: 'GUARANTEE_CREDIT',
  SC: 'SAVINGS_CREDIT',
  EL: 'ELDEST_CHILD',
  OT: 'ADDITIONAL_CHILD',
};

function toComponent(wire: WireAward, weeklyPence: number | null): AwardComponent | null {
  const code = wire.COMPONENT_CD.trim();
  if (code === '') return null;
  const kind = COMPONENTS[code];
  if (!kind) throw new TypeError('unknown CIS award component code');
  return { kind, rate: null, weeklyAmountPence: weeklyPence, monthlyAmountPence: null };
}

/** Pounds text, or null where CIS leaves the amount blank. */
function optionalPence(text: string): number | null {
  return text.trim() === '' ? null : penceFromPoundsText(text);
}

/**
 * What one payment comes to. A weekly rate is multiplied out to the payment's weeks; a
 * monthly rate (BSP) is the payment itself, never converted through a weekly figure.
 */
function regularAmount(weeklyPence: number | null, monthlyPence: number | null, frequency: PaymentFrequency): number {
  if (monthlyPence !== null && frequency === 'MONTHLY') return monthlyPence;
  if (weeklyPence !== null && monthlyPence === null) return amountPerPaymentPence(weeklyPence, frequency);
  throw new TypeError('CIS award has neither a weekly rate nor a monthly rate paid monthly');
}

function lumpSumOf(row: WireAward): Award['lumpSum'] {
  const amountPence = optionalPence(row.LUMP_SUM_AMT);
  return amountPence === null ? null : { amountPence, date: fromYyyymmdd(row.LUMP_SUM_PAID_DT) };
}

/** The sum of the rows' amounts, or null when no row has one. */
function sumOrNull(amounts: ReadonlyArray<number | null>): number | null {
  return amounts.some((pence) => pence !== null) ? amounts.reduce<number>((sum, pence) => sum + (pence ?? 0), 0) : null;
}

function newest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

/** An award is open-ended while any of its rows is. */
function latestEndDate(rows: readonly WireAward[]): string | null {
  const ends = rows.map((row) => fromYyyymmdd(row.END_DT));
  return ends.includes(null) ? null : ends.reduce(newest, null);
}

/**
 * CIS lists one row per award component (Pension Credit guarantee and savings credit), so
 * rows of one benefit, status and start date are one award whose weekly rate is their sum.
 * Rows starting on different dates stay separate awards, as CIS pays them (Child Benefit for
 * a child born later is its own line, on its own four-weekly cycle).
 */
function toAwards(rows: readonly WireAward[]): Award[] {
  const groups = new Map<string, WireAward[]>();
  for (const row of rows) {
    const key = `${row.BEN_CD}|${row.STATUS_CD}|${row.START_DT}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0]!;
    const frequency = PAYMENT_FREQUENCY_CODES[first.PAY_FREQ_CD]!;
    const weekly = group.map((row) => optionalPence(row.WKLY_AMT));
    const monthly = group.map((row) => optionalPence(row.MTHLY_AMT));
    const weeklyAmountPence = sumOrNull(weekly);
    const lastPaidDate = group.map((row) => fromYyyymmdd(row.LAST_PAID_DT)).reduce(newest, null);
    return {
      benefit: BENEFITS[first.BEN_CD],
      source: 'CIS',
      status: STATUSES[first.STATUS_CD],
      startDate: fromYyyymmdd(first.START_DT),
      endDate: latestEndDate(group),
      reviewDate: null,
      paymentFrequency: frequency,
      amountPence: regularAmount(weeklyAmountPence, sumOrNull(monthly), frequency),
      weeklyAmountPence,
      components: [...group.flatMap((row, index) => toComponent(row, weekly[index]!) ?? []), ...(first.CHILD_ADD_IND === 'Y' ? [CHILD_ADDITION] : [])],
      pattern: { kind: 'REGULAR', lastPaidDate, payDay: payDayFromCode(first.PAY_DAY_CD) },
      habitualResidence: habitualResidenceOf(first),
      lumpSum: lumpSumOf(first),
      expectedDeliveryDate: null,
    };
  });
}

/** CIS AWARD_LIST → each citizen's awards keyed by NINO; a NINO CIS did not list has none. */
export function mapCisAwards(list: unknown[]): Map<string, Award[]> {
  return mapWire('cis', wireAwardList, list, (rows) => {
    const byNino = new Map<string, WireAward[]>();
    for (const row of rows) byNino.set(row.NINO, [...(byNino.get(row.NINO) ?? []), row]);
    return new Map([...byNino].map(([nino, ninoRows]) => [nino, toAwards(ninoRows)]));
  });
}
