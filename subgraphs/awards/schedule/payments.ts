import { addDays, addMonthsClamped, addMonthsOnDay, daysBetween, earliest, onOrAfterWeekday } from '../../../platform/domain/index.ts';
import type { AssessmentPeriod, Award, Payment, PaymentFrequency } from '../domain.ts';

/**
 * Payments made and due on an award, worked out from its payment pattern and today's date
 * alone: legacy systems record only the last payment, so the schedule is projected. Pure: no
 * clock, the caller passes `today`.
 *
 * Rules: a payment dated today counts as made; nothing is paid before the award starts, after
 * it ends or after the date of death; after the last recorded payment only a LIVE award is
 * projected forward. Universal Credit is paid in arrears on each assessment period's payment
 * date (so the last one may fall after the claim's end date), and an assessment period with a
 * nil award pays nothing.
 */
export interface ScheduleBounds {
  readonly today: string;
  readonly dateOfDeath: string | null;
}

interface Schedule {
  next(): Payment | null;
  recent(last: number): Payment[];
}

const NO_PAYMENTS: Schedule = { next: () => null, recent: () => [] };

const STEP_DAYS: Readonly<Record<Exclude<PaymentFrequency, 'MONTHLY'>, number>> = { WEEKLY: 7, FORTNIGHTLY: 14, FOUR_WEEKLY: 28 };

/** The k-th payment date of a series anchored on `anchor` (k may be negative); monthly payments keep to `dayOfMonth`. */
function stepper(frequency: PaymentFrequency, anchor: string, dayOfMonth: number): (k: number) => string {
  if (frequency === 'MONTHLY') return (k) => addMonthsOnDay(anchor, k, dayOfMonth);
  const days = STEP_DAYS[frequency];
  return (k) => addDays(anchor, k * days);
}

/**
 * Where the series starts. After a recorded payment, from that payment. Before any (paid in
 * arrears), one period after the start: on the pay day for weekly-based awards, on the start
 * date's day of the month for monthly ones.
 */
function seriesAnchor(award: Award, frequency: PaymentFrequency, lastPaidDate: string | null, payDay: number | null): string | null {
  if (lastPaidDate !== null) return lastPaidDate;
  if (award.startDate === null) return null;
  if (frequency === 'MONTHLY') return addMonthsClamped(award.startDate, 1);
  const firstDue = addDays(award.startDate, STEP_DAYS[frequency]);
  return payDay === null ? firstDue : onOrAfterWeekday(firstDue, payDay);
}

/** The largest k whose date is on or before `limit` (dates rise with k). */
function lastIndexOnOrBefore(dateAt: (k: number) => string, limit: string): number {
  let k = 0;
  while (dateAt(k) > limit) k -= 1;
  while (dateAt(k + 1) <= limit) k += 1;
  return k;
}

function regularSchedule(award: Award, bounds: ScheduleBounds, lastPaidDate: string | null, payDay: number | null): Schedule {
  const amountPence = award.amountPence;
  const frequency = award.paymentFrequency;
  const anchor = seriesAnchor(award, frequency, lastPaidDate, payDay);
  if (amountPence === null || anchor === null) return NO_PAYMENTS;
  const dateAt = stepper(frequency, anchor, Number((award.startDate ?? anchor).slice(8, 10)));
  const firstPossible = lastPaidDate === null ? anchor : award.startDate;
  const lastPossible = earliest(award.endDate, bounds.dateOfDeath);
  const payable = (date: string) => (firstPossible === null || date >= firstPossible) && (lastPossible === null || date <= lastPossible);
  const live = award.status === 'LIVE';
  // Only a live award is paid beyond its last recorded payment.
  const paidUpTo = live ? bounds.today : lastPaidDate === null ? null : earliest(bounds.today, lastPaidDate);

  return {
    next() {
      if (!live) return null;
      let k = lastIndexOnOrBefore(dateAt, bounds.today) + 1;
      while (firstPossible !== null && dateAt(k) < firstPossible) k += 1;
      const date = dateAt(k);
      return payable(date) ? { date, amountPence } : null;
    },
    recent(last) {
      if (paidUpTo === null) return [];
      const payments: Payment[] = [];
      const upTo = earliest(paidUpTo, lastPossible) ?? paidUpTo;
      for (let k = lastIndexOnOrBefore(dateAt, upTo); payments.length < last; k -= 1) {
        const date = dateAt(k);
        if (!payable(date)) break;
        payments.push({ date, amountPence });
      }
      return payments;
    },
  };
}

/** The assessment period after `period`, paid the same number of days after its end. */
function followingPeriod(period: AssessmentPeriod, startDay: number, lagDays: number): AssessmentPeriod {
  const start = addMonthsOnDay(period.start, 1, startDay);
  const end = addDays(addMonthsOnDay(start, 1, startDay), -1);
  return { start, end, earningsPence: period.earningsPence, awardPence: period.awardPence, paymentDate: addDays(end, lagDays) };
}

function assessmentPeriodSchedule(award: Award, bounds: ScheduleBounds, startDay: number, periods: readonly AssessmentPeriod[]): Schedule {
  const pays = (period: AssessmentPeriod) =>
    period.awardPence > 0 &&
    (award.startDate === null || period.start >= award.startDate) &&
    (award.endDate === null || period.start <= award.endDate) &&
    (bounds.dateOfDeath === null || period.paymentDate <= bounds.dateOfDeath);
  const toPayment = (period: AssessmentPeriod): Payment => ({ date: period.paymentDate, amountPence: period.awardPence });
  const byPaymentDate = [...periods].sort((a, b) => (a.paymentDate < b.paymentDate ? -1 : 1));

  return {
    next() {
      const newest = periods[0];
      if (award.status !== 'LIVE' || newest === undefined) return null;
      let due = byPaymentDate.find((period) => period.paymentDate > bounds.today);
      if (due === undefined) {
        // Not yet assessed: assume the next period is paid like the newest one, as long after its end.
        const lagDays = daysBetween(newest.end, newest.paymentDate);
        due = followingPeriod(newest, startDay, lagDays);
        while (due.paymentDate <= bounds.today) due = followingPeriod(due, startDay, lagDays);
      }
      return pays(due) ? toPayment(due) : null;
    },
    recent(last) {
      return byPaymentDate
        .filter((period) => period.paymentDate <= bounds.today && pays(period))
        .reverse()
        .slice(0, last)
        .map(toPayment);
    },
  };
}

function scheduleOf(award: Award, bounds: ScheduleBounds): Schedule {
  const { pattern } = award;
  return pattern.kind === 'REGULAR'
    ? regularSchedule(award, bounds, pattern.lastPaidDate, pattern.payDay)
    : assessmentPeriodSchedule(award, bounds, pattern.startDay, pattern.periods);
}

/** The next payment due after today, or null when none is due (not live, ended, died, or a nil award). */
export function nextPayment(award: Award, bounds: ScheduleBounds): Payment | null {
  return scheduleOf(award, bounds).next();
}

/** Up to `last` payments made on or before today, newest first. */
export function recentPayments(award: Award, bounds: ScheduleBounds, last: number): Payment[] {
  return last <= 0 ? [] : scheduleOf(award, bounds).recent(last);
}
