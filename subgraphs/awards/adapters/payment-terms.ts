import { z } from 'zod';
import type { PaymentFrequency } from '../domain.ts';

const WEEKS_PER_PAYMENT: Readonly<Record<Exclude<PaymentFrequency, 'MONTHLY'>, number>> = { WEEKLY: 1, FORTNIGHTLY: 2, FOUR_WEEKLY: 4 };

/** What one payment of a weekly rate comes to; a calendar month is 52/12 weeks, rounded to the penny. */
export function amountPerPaymentPence(weeklyPence: number, frequency: PaymentFrequency): number {
  return frequency === 'MONTHLY' ? Math.round((weeklyPence * 52) / 12) : weeklyPence * WEEKS_PER_PAYMENT[frequency];
}

/** Legacy frequency codes shared by CIS and PSCS. */
export const PAYMENT_FREQUENCY_CODES: Readonly<Record<string, PaymentFrequency>> = { '1W': 'WEEKLY', '2W': 'FORTNIGHTLY', '4W': 'FOUR_WEEKLY', '1M': 'MONTHLY' };

/** Legacy pay day codes, 1 Monday .. 5 Friday (from the NINO's last two digits); blank when not set. */
export const wirePayDayCode = z.enum(['1', '2', '3', '4', '5', '']);

/** A pay day code as an ISO weekday, or null when blank. */
export function payDayFromCode(code: z.infer<typeof wirePayDayCode>): number | null {
  return code === '' ? null : Number(code);
}
