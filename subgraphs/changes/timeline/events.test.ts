import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapCisHistory } from '../adapters/cis.writer-mapping.ts';
import type { ChangeRecord, DeliveryRecord } from '../domain.ts';
import { changeEvents, EVENT_KINDS, historyEvents, needsSource, reviewTaskEvents, type EventKind } from './events.ts';

const cisHistory = mapCisHistory(['SC100021A'], JSON.parse(readFileSync(new URL('../adapters/fixtures/cis-history-enquiry.json', import.meta.url), 'utf8')) as unknown).get('SC100021A')!;

function delivery(system: string, status: DeliveryRecord['status'], deliveredAt: string | null = null): DeliveryRecord {
  return { system, status, attempts: 1, lastError: null, deliveredAt };
}

function change(kind: ChangeRecord['kind'], deliveries: DeliveryRecord[], confirmation: ChangeRecord['confirmation'] = null): ChangeRecord {
  return { id: 'chg-1', nino: 'SC100021A', kind, status: 'IN_PROGRESS', reportedAt: '2026-11-30T14:00:00.000Z', effectiveDate: '2026-12-01', deliveries, confirmation };
}

describe('changeEvents', () => {
  it.each([
    ['an address change reported, nowhere yet', change('address', [delivery('cis', 'PENDING'), delivery('uc', 'WAITING')]), [['CHANGE_REPORTED', null, 'Address change reported']]],
    [
      'delivered to the systems that took it, not to one that needs nothing or refused it',
      change('address', [delivery('cis', 'DELIVERED', '2026-11-30T14:00:01.000Z'), delivery('uc', 'DELIVERED', '2026-11-30T14:00:02.000Z'), delivery('pscs', 'NOT_NEEDED'), delivery('jsaps', 'FAILED')]),
      [
        ['CHANGE_REPORTED', null, 'Address change reported'],
        ['CHANGE_DELIVERED', 'cis', 'Address change delivered to CIS'],
        ['CHANGE_DELIVERED', 'uc', 'Address change delivered to Universal Credit'],
      ],
    ],
    ['contact details', change('contact', []), [['CHANGE_REPORTED', null, 'Contact details change reported']]],
    [
      'the confirmation the citizen was sent, by its channel',
      change('contact', [delivery('cis', 'DELIVERED', '2026-11-30T14:00:01.000Z')], { channel: 'sms', sentAt: '2026-11-30T14:00:05.000Z' }),
      [
        ['CHANGE_REPORTED', null, 'Contact details change reported'],
        ['CHANGE_DELIVERED', 'cis', 'Contact details change delivered to CIS'],
        ['NOTIFICATION_SENT', 'notify', 'Confirmation sent by text message'],
      ],
    ],
    ['a death report is the death recorded', change('death', [delivery('cis', 'DELIVERED', '2026-11-30T14:00:01.000Z')]), [['DEATH_RECORDED', null, 'Death recorded'], ['CHANGE_DELIVERED', 'cis', 'Death report delivered to CIS']]],
  ])('%s', (_case, record, expected) => {
    const events = changeEvents([record]);
    expect(events.map((event) => [event.kind, event.system, event.summary])).toEqual(expected);
    expect(events.every((event) => event.changeId === 'chg-1')).toBe(true);
  });
});

describe('historyEvents', () => {
  it('reads a CIS history: its changes applied as deliveries (with the ids our store gives them) and its award events by day', () => {
    expect(historyEvents('cis', cisHistory)).toEqual([
      { id: 'delivered:chg-1:cis', kind: 'CHANGE_DELIVERED', occurredAt: '2026-11-30T14:26:18.000Z', system: 'cis', summary: 'Address change delivered to CIS', benefit: null, amountPence: null, changeId: 'chg-1' },
      { id: 'delivered:chg-2:cis', kind: 'CHANGE_DELIVERED', occurredAt: '2026-11-30T14:26:19.000Z', system: 'cis', summary: 'Death report delivered to CIS', benefit: null, amountPence: null, changeId: 'chg-2' },
      { id: 'award:cis:PC:STARTED:2013-06-03:0', kind: 'AWARD_STARTED', occurredAt: '2013-06-03', system: 'cis', summary: 'PC award started', benefit: 'PC', amountPence: null, changeId: null },
      { id: 'award:cis:PC:PAYMENT_MADE:2026-11-03:0', kind: 'PAYMENT_MADE', occurredAt: '2026-11-03', system: 'cis', summary: 'PC payment made', benefit: 'PC', amountPence: 41756, changeId: null },
      { id: 'award:cis:PC:STOPPED:2026-11-20:0', kind: 'AWARD_STOPPED', occurredAt: '2026-11-20', system: 'cis', summary: 'PC award stopped', benefit: 'PC', amountPence: null, changeId: null },
    ]);
  });

  it('keeps two identical payments on one day apart', () => {
    const paid = { benefitCode: 'JSA', event: 'PAYMENT_MADE' as const, date: '2026-11-03', amountPence: 9015 };
    expect(historyEvents('jsaps', { changes: [], events: [paid, paid] }).map((event) => event.id)).toEqual(['award:jsaps:JSA:PAYMENT_MADE:2026-11-03:0', 'award:jsaps:JSA:PAYMENT_MADE:2026-11-03:1']);
  });

  it('names the change kind changed and never a value', () => {
    const summaries = historyEvents('uc', { changes: [{ reference: 'chg-9', kind: 'address', effectiveDate: '2026-12-01', appliedAt: '2026-11-30T14:26:18Z' }], events: [] }).map((event) => event.summary);
    expect(summaries).toEqual(['Address change delivered to Universal Credit']);
  });
});

describe('reviewTaskEvents', () => {
  it('raises one event per task, tied to the change that raised it', () => {
    expect(reviewTaskEvents([{ id: 't-1', nino: 'SC100042B', changeId: 'chg-2', reason: 'Partner died: review the awards that depend on the couple.', createdAt: '2026-11-30T14:26:20.000Z' }])).toEqual([
      { id: 'review:t-1', kind: 'REVIEW_TASK_RAISED', occurredAt: '2026-11-30T14:26:20.000Z', system: null, summary: 'Partner died: review the awards that depend on the couple.', benefit: null, amountPence: null, changeId: 'chg-2' },
    ]);
  });
});

describe('needsSource', () => {
  const sources = ['changes', 'reviewTasks', 'histories'] as const;

  it.each([
    ['every kind', null, [true, true, true]],
    ['payments only: the systems alone', ['PAYMENT_MADE'], [false, false, true]],
    ['reports only: our store alone, no legacy call', ['CHANGE_REPORTED', 'DEATH_RECORDED'], [true, false, false]],
    ['deliveries: our store and the systems, which both record them', ['CHANGE_DELIVERED'], [true, false, true]],
    ['confirmations: our store, which records what Notify took; Notify is not asked', ['NOTIFICATION_SENT'], [true, false, false]],
    ['review tasks only', ['REVIEW_TASK_RAISED'], [false, true, false]],
    ['no kind at all: nothing', [], [false, false, false]],
  ] as Array<[string, EventKind[] | null, boolean[]]>)('%s', (_case, kinds, expected) => {
    expect(sources.map((source) => needsSource(source, kinds))).toEqual(expected);
  });

  it('has a source for every kind', () => {
    for (const kind of EVENT_KINDS) expect(sources.some((source) => needsSource(source, [kind])), kind).toBe(true);
  });
});
