import { LEGACY_SYSTEM_TITLES } from '../../platform/config/legacy-systems.ts';

/** How the workspace writes the API's values for people, in the GOV.UK style: "12 March 1946", "£123.45", sentence case. */

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const DATE_TIME = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'Europe/London' });

export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? value : DATE.format(date);
}

export function formatDateTime(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : DATE_TIME.format(date);
}

/** A timeline's moment: a legacy system's day as a date, an instant the graph recorded with its time. */
export function formatDateOrTime(value: string): string {
  return value.length === 10 ? formatDate(value) : formatDateTime(value);
}

/** A legacy system by the name people know it by; undefined for an id that names none. */
export function systemTitle(system: unknown): string | undefined {
  return typeof system === 'string' && Object.hasOwn(LEGACY_SYSTEM_TITLES, system) ? LEGACY_SYSTEM_TITLES[system as keyof typeof LEGACY_SYSTEM_TITLES] : undefined;
}

export function formatMoney(value: string | null | undefined): string {
  return value ? `£${value}` : '';
}

/** Benefit names are proper nouns; everything else in an enum reads in sentence case. */
const BENEFITS: Readonly<Record<string, string>> = {
  STATE_PENSION: 'State Pension',
  PENSION_CREDIT: 'Pension Credit',
  UNIVERSAL_CREDIT: 'Universal Credit',
  PERSONAL_INDEPENDENCE_PAYMENT: 'Personal Independence Payment',
  DISABILITY_LIVING_ALLOWANCE: 'Disability Living Allowance',
  ATTENDANCE_ALLOWANCE: 'Attendance Allowance',
  CARERS_ALLOWANCE: "Carer's Allowance",
  CHILD_BENEFIT: 'Child Benefit',
  EMPLOYMENT_AND_SUPPORT_ALLOWANCE: 'Employment and Support Allowance',
  JOBSEEKERS_ALLOWANCE: "Jobseeker's Allowance",
  INCOME_SUPPORT: 'Income Support',
  BEREAVEMENT_SUPPORT_PAYMENT: 'Bereavement Support Payment',
};

export function formatBenefit(value: string): string {
  return BENEFITS[value] ?? formatEnum(value);
}

export function formatEnum(value: string | null | undefined): string {
  if (!value) return '';
  const words = value.toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `SC100021A` -> `SC 10 00 21 A`, as the department writes it. */
export function formatNino(nino: string): string {
  const compact = nino.replace(/\s+/g, '').toUpperCase();
  return /^[A-Z]{2}\d{6}[A-D]$/.test(compact) ? `${compact.slice(0, 2)} ${compact.slice(2, 4)} ${compact.slice(4, 6)} ${compact.slice(6, 8)} ${compact.slice(8)}` : nino;
}
