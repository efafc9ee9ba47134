import { z } from 'zod';
import { fromYyyymmdd, mapWire } from '../../../platform/formats/index.ts';
import type { Award, AwardComponent, AwardStatus, Benefit, ComponentKind } from '../domain.ts';
import { amountPerPaymentPence, PAYMENT_FREQUENCY_CODES, payDayFromCode, penceFromPoundsText, wirePayDayCode } from './payment-terms.ts';

const wireAward = z.object({
  NINO: z.string(),
  BEN_CD: z.enum(['PC', 'CA', 'CHB', 'ESA', 'BSP']),
  STATUS_CD: z.enum(['LIVE', 'SUSP', 'TERM']),
  COMPONENT_CD: z.string(),
  WKLY_AMT: z.string(),
  START_DT: z.string(),
  END_DT: z.string(),
  PAY_FREQ_CD: z.enum(['1W', '2W', '4W', '1M']),
  PAY_DAY_CD: wirePayDayCode,
  LAST_PAID_DT: z.string(),
});
type WireAward = z.infer<typeof wireAward>;

const BENEFITS: Readonly<Record<WireAward['BEN_CD'], Benefit>> = {
  PC: 'PENSION_CREDIT',
  CA: 'CARERS_ALLOWANCE',
  CHB: 'CHILD_BENEFIT',
  ESA: 'EMPLOYMENT_AND_SUPPORT_ALLOWANCE',
  BSP: 'BEREAVEMENT_SUPPORT_PAYMENT',
};

const STATUSES: Readonly<Record<WireAward['STATUS_CD'], AwardStatus>> = { LIVE: 'LIVE', SUSP: 'SUSPENDED', TERM: 'ENDED' };

const COMPONENTS: Readonly<Record<string, ComponentKind>> = {
  GC: 'GUARANTEE_CREDIT',
  SC: 'SAVINGS_CREDIT',
  EL: 'ELDEST_CHILD',
  OT: 'ADDITIONAL_CHILD',
  CB: 'CONTRIBUTION_BASED',
  IR: 'INCOME_RELATED',
};

function toComponent(wire: WireAward, weeklyPence: number): AwardComponent | null {
  const code = wire.COMPONENT_CD.trim();
  if (code === '') return null;
  const kind = COMPONENTS[code];
  if (!kind) throw new TypeError('unknown CIS award component code');
  return { kind, rate: null, weeklyAmountPence: weeklyPence, monthlyAmountPence: null };
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
    const weekly = group.map((row) => penceFromPoundsText(row.WKLY_AMT));
    const weeklyAmountPence = weekly.reduce((sum, pence) => sum + pence, 0);
    const lastPaidDate = group.map((row) => fromYyyymmdd(row.LAST_PAID_DT)).reduce(newest, null);
    return {
      benefit: BENEFITS[first.BEN_CD],
      source: 'CIS',
      status: STATUSES[first.STATUS_CD],
      startDate: fromYyyymmdd(first.START_DT),
      endDate: latestEndDate(group),
      reviewDate: null,
      paymentFrequency: frequency,
      amountPence: amountPerPaymentPence(weeklyAmountPence, frequency),
      weeklyAmountPence,
      components: group.flatMap((row, index) => toComponent(row, weekly[index]!) ?? []),
      pattern: { kind: 'REGULAR', lastPaidDate, payDay: payDayFromCode(first.PAY_DAY_CD) },
      habitualResidence: null,
    };
  });
}

/** CIS AWARD_LIST → each citizen's awards keyed by NINO; a NINO CIS did not list has none. */
export function mapCisAwards(list: unknown[]): Map<string, Award[]> {
  return mapWire('cis', z.array(wireAward), list, (rows) => {
    const byNino = new Map<string, WireAward[]>();
    for (const row of rows) byNino.set(row.NINO, [...(byNino.get(row.NINO) ?? []), row]);
    return new Map([...byNino].map(([nino, ninoRows]) => [nino, toAwards(ninoRows)]));
  });
}
