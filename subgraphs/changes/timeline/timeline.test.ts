import { describe, expect, it } from 'vitest';
import { LegacyError } from '../../../platform/errors/index.ts';
import type { ChangeRecord } from '../domain.ts';
import type { SystemHistoryResult } from './events.ts';
import { buildTimeline } from './timeline.ts';

const reportedAddress: ChangeRecord = {
  id: 'chg-1',
  nino: 'SC100021A',
  kind: 'address',
  status: 'IN_PROGRESS',
  reportedAt: '2026-11-30T14:00:00.000Z',
  effectiveDate: '2026-12-01',
  deliveries: [{ system: 'cis', status: 'DELIVERED', attempts: 1, lastError: null, deliveredAt: '2026-11-30T14:00:01.000Z' }],
  confirmation: null,
};
const cisHistory: SystemHistoryResult = {
  system: 'cis',
  history: {
    changes: [{ reference: 'chg-1', kind: 'address', effectiveDate: '2026-12-01', appliedAt: '2026-11-30T14:00:00.900Z' }],
    events: [{ benefitCode: 'PC', event: 'PAYMENT_MADE', date: '2026-11-03', amountPence: 41756 }],
  },
};

describe('buildTimeline', () => {
  it.each([
    ['every source, newest first, a delivery both record told once as our store tells it', [cisHistory], ['Address change delivered to CIS@2026-11-30T14:00:01.000Z', 'Address change reported@2026-11-30T14:00:00.000Z', 'PC payment made@2026-11-03'], []],
    ['a system holding no record of the citizen adds nothing', [cisHistory, { system: 'uc', history: null }], ['Address change delivered to CIS@2026-11-30T14:00:01.000Z', 'Address change reported@2026-11-30T14:00:00.000Z', 'PC payment made@2026-11-03'], []],
    [
      'a system that failed is a gap naming it; the rest still arrive',
      [{ system: 'cis', history: new LegacyError('LEGACY_TIMEOUT', 'cis') }, { system: 'uc', history: new TypeError('bad payload') }],
      ['Address change delivered to CIS@2026-11-30T14:00:01.000Z', 'Address change reported@2026-11-30T14:00:00.000Z'],
      [['LEGACY_TIMEOUT', 'cis'], ['LEGACY_UNAVAILABLE', 'uc']],
    ],
  ])('%s', (_case, histories, expected, gaps) => {
    const timeline = buildTimeline({ changes: [reportedAddress], reviewTasks: [], histories: histories as SystemHistoryResult[] });
    expect(timeline.events.map(({ event }) => `${event.summary}@${event.occurredAt}`)).toEqual(expected);
    expect(timeline.gaps.map((gap) => [gap.code, gap.system])).toEqual(gaps);
  });
});
