import { describe, expect, it } from 'vitest';
import { awardState, lastPaidDate } from './schedule.ts';
import type { PaymentTerms } from './schedule.ts';

describe('lastPaidDate', () => {
  it.each<[string, PaymentTerms, string, string | null]>([
    // Start Monday 5 January: first payment Tuesday 3 February (the first Tuesday 28+ days on), then every 28 days.
    ['4-weekly, paid on Tuesdays', { start: '2026-01-05', end: null, frequency: '4W', payDay: 2 }, '2026-11-25', '2026-11-10'],
    ['not yet due', { start: '2026-11-01', end: null, frequency: '4W', payDay: 1 }, '2026-11-25', null],
    ['weekly', { start: '2026-10-01', end: null, frequency: '1W', payDay: 5 }, '2026-11-25', '2026-11-20'],
    ['fortnightly', { start: '2026-10-05', end: null, frequency: '2W', payDay: 1 }, '2026-11-25', '2026-11-16'],
    ['monthly on the start day', { start: '2025-01-31', end: null, frequency: '1M', payDay: 1 }, '2026-11-25', '2026-10-31'],
    ['stops at the end date', { start: '2026-01-05', end: '2026-06-30', frequency: '4W', payDay: 2 }, '2026-11-25', '2026-06-23'],
    ['stops before a suspension', { start: '2026-01-05', end: null, frequency: '4W', payDay: 2, suspendedFrom: '2026-11-03' }, '2026-11-25', '2026-10-13'],
  ])('%s', (_name, terms, asOf, expected) => {
    expect(lastPaidDate(terms, asOf)).toBe(expected);
  });
});

describe('awardState', () => {
  const base: PaymentTerms = { start: '2020-01-01', end: null, frequency: '4W', payDay: 1 };
  it.each<[string, PaymentTerms, string]>([
    ['open-ended', base, 'live'],
    ['ends in the future', { ...base, end: '2027-01-01' }, 'live'],
    ['ended', { ...base, end: '2026-11-24' }, 'terminated'],
    ['suspended', { ...base, suspendedFrom: '2026-11-01' }, 'suspended'],
  ])('%s is %s', (_name, terms, state) => {
    expect(awardState(terms, '2026-11-25')).toBe(state);
  });
});
