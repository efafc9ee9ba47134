/**
 * Awards as the awards subgraph serves them, whichever legacy system holds them. Amounts are
 * integer pence (the Money scalar turns them into pounds); dates are ISO `YYYY-MM-DD`.
 * Wire types never leave adapters/.
 */

/** Declaration order is the order awards of equal status are listed in. */
export const BENEFITS = [
  'STATE_PENSION',
  'PENSION_CREDIT',
  'UNIVERSAL_CREDIT',
  'PERSONAL_INDEPENDENCE_PAYMENT',
  'DISABILITY_LIVING_ALLOWANCE',
  'ATTENDANCE_ALLOWANCE',
  'CARERS_ALLOWANCE',
  'CHILD_BENEFIT',
  'EMPLOYMENT_AND_SUPPORT_ALLOWANCE',
  'JOBSEEKERS_ALLOWANCE',
  'INCOME_SUPPORT',
  'BEREAVEMENT_SUPPORT_PAYMENT',
] as const;
export type Benefit = (typeof BENEFITS)[number];

/** The legacy system an award was read from. */
export type AwardSource = 'CIS' | 'UC' | 'PSCS' | 'DISABILITY' | 'JSAPS';

export type AwardStatus = 'LIVE' | 'SUSPENDED' | 'ENDED' | 'DEFERRED';

export type PaymentFrequency = 'WEEKLY' | 'FORTNIGHTLY' | 'FOUR_WEEKLY' | 'MONTHLY';

export type ComponentKind =
  | 'NEW_STATE_PENSION'
  | 'BASIC_STATE_PENSION'
  | 'GUARANTEE_CREDIT'
  | 'SAVINGS_CREDIT'
  | 'DAILY_LIVING'
  | 'MOBILITY'
  | 'CARE'
  | 'ATTENDANCE'
  | 'ELDEST_CHILD'
  | 'ADDITIONAL_CHILD'
  | 'CONTRIBUTION_BASED'
  | 'INCOME_RELATED'
  | 'INCOME_BASED'
  | 'CHILD_ADDITION'
  | 'STANDARD_ALLOWANCE'
  | 'CHILD'
  | 'DISABLED_CHILD'
  | 'LIMITED_CAPABILITY_FOR_WORK'
  | 'LIMITED_CAPABILITY_FOR_WORK_AND_WORK_RELATED_ACTIVITY'
  | 'CARER'
  | 'HOUSING_COSTS'
  | 'CHILDCARE_COSTS';

export type ComponentRate = 'STANDARD' | 'ENHANCED' | 'LOWEST' | 'LOWER' | 'MIDDLE' | 'HIGHER' | 'HIGHEST';

/** One part of an award: a PIP component, a UC element, a Pension Credit credit... */
export interface AwardComponent {
  readonly kind: ComponentKind;
  readonly rate: ComponentRate | null;
  /** Set for benefits paid on a weekly rate. */
  readonly weeklyAmountPence: number | null;
  /** Set for Universal Credit elements, which are monthly. */
  readonly monthlyAmountPence: number | null;
}

/** One Universal Credit assessment period, with its earnings (joint for couples) and the award after the taper. */
export interface AssessmentPeriod {
  readonly start: string;
  readonly end: string;
  readonly earningsPence: number;
  readonly awardPence: number;
  readonly paymentDate: string;
}

export type HabitualResidenceOutcome = 'PASSED' | 'FAILED' | 'NOT_ASSESSED';

export interface HabitualResidence {
  readonly outcome: HabitualResidenceOutcome;
  readonly decidedOn: string | null;
}

/** How the award is paid, which is all the payment schedule needs. */
export type PaymentPattern =
  | {
      readonly kind: 'REGULAR';
      /** The most recent payment the legacy system records; null before the first. */
      readonly lastPaidDate: string | null;
      /** ISO weekday payments fall on (1 Monday .. 5 Friday); null when the system does not say. */
      readonly payDay: number | null;
    }
  | {
      readonly kind: 'ASSESSMENT_PERIODS';
      /** Day of the month each period starts on (1-31; short months end the period early). */
      readonly startDay: number;
      /** Newest first, as the UC platform lists them. */
      readonly periods: readonly AssessmentPeriod[];
    };

export interface Award {
  readonly benefit: Benefit;
  readonly source: AwardSource;
  readonly status: AwardStatus;
  /** Null only for a State Pension deferred before it started. */
  readonly startDate: string | null;
  readonly endDate: string | null;
  /** When a PIP, DLA or AA award is next reviewed; payments continue until then and beyond. */
  readonly reviewDate: string | null;
  readonly paymentFrequency: PaymentFrequency;
  /** What one regular payment comes to (a month of a monthly rate); null when nothing has been assessed yet. */
  readonly amountPence: number | null;
  /** Null for awards with a monthly rate: Universal Credit and Bereavement Support Payment. */
  readonly weeklyAmountPence: number | null;
  readonly components: readonly AwardComponent[];
  readonly pattern: PaymentPattern;
  /** Universal Credit and Pension Credit: the habitual-residence determination made on the claim. */
  readonly habitualResidence: HabitualResidence | null;
  /** Universal Credit only: a pregnancy the claimant reported. A rule input, never served. */
  readonly expectedDeliveryDate: string | null;
  /** A one-off payment besides the regular ones (Bereavement Support Payment's first); its date is null until paid. */
  readonly lumpSum: { readonly amountPence: number; readonly date: string | null } | null;
}

/** A payment made or due. */
export interface Payment {
  readonly date: string;
  readonly amountPence: number;
}
