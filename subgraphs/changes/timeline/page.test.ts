import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors/index.ts';
import type { EventKind, TimelineEvent } from './events.ts';
import { checkPageSize, MAX_PAGE_SIZE, mergeTimeline, pageOf, positionOf, type PlacedEvent } from './page.ts';

function event(id: string, occurredAt: string, kind: EventKind = 'PAYMENT_MADE', summary = id): TimelineEvent {
  return { id, kind, occurredAt, system: 'cis', summary, benefit: null, amountPence: null, changeId: null };
}

const ids = (placed: readonly PlacedEvent[]) => placed.map((entry) => entry.event.id);

describe('mergeTimeline', () => {
  it.each([
    ['newest first across sources', [[event('a', '2026-01-01')], [event('b', '2026-03-01')], [event('c', '2026-02-01')]], ['b', 'c', 'a']],
    ['an instant on a day before that day itself (a day counts from its start)', [[event('day', '2026-11-30')], [event('instant', '2026-11-30T09:00:00.000Z')]], ['instant', 'day']],
    ['one instant in two notations compares equal, then by id', [[event('z', '2026-11-30T09:00:00Z')], [event('y', '2026-11-30T09:00:00.000Z')]], ['y', 'z']],
    ['the same fact twice is kept once, from the first source', [[event('d', '2026-11-30T09:00:00.000Z', 'CHANGE_DELIVERED', 'store')], [event('d', '2026-11-30T09:00:05.000Z', 'CHANGE_DELIVERED', 'legacy')]], ['d']],
    ['nothing from nowhere', [], []],
  ])('%s', (_case, sources, expected) => {
    const merged = mergeTimeline(sources);
    expect(ids(merged)).toEqual(expected);
    if (_case.startsWith('the same fact')) expect(merged[0]!.event.summary).toBe('store');
  });
});

describe('pageOf', () => {
  const timeline = mergeTimeline([[event('e1', '2026-05-01'), event('e2', '2026-04-01', 'AWARD_STARTED'), event('e3', '2026-03-01'), event('e4', '2026-02-01', 'AWARD_STARTED'), event('e5', '2026-01-01')]]);
  const at = (id: string) => timeline.find((placed) => placed.event.id === id)!.position;

  it.each([
    ['the first page', { first: 2, after: null, kinds: null }, ['e1', 'e2'], true],
    ['the page after a position', { first: 2, after: at('e2'), kinds: null }, ['e3', 'e4'], true],
    ['the last page, exactly full', { first: 1, after: at('e4'), kinds: null }, ['e5'], false],
    ['past the end', { first: 2, after: at('e5'), kinds: null }, [], false],
    ['none asked for', { first: 0, after: null, kinds: null }, [], true],
    ['one kind only', { first: 5, after: null, kinds: ['AWARD_STARTED' as const] }, ['e2', 'e4'], false],
    ['one kind, after a position of another kind', { first: 5, after: at('e3'), kinds: ['AWARD_STARTED' as const] }, ['e4'], false],
    ['after a position no event holds (the event has gone)', { first: 5, after: positionOf(event('gone', '2026-03-15')), kinds: null }, ['e3', 'e4', 'e5'], false],
  ])('%s', (_case, request, expected, hasNextPage) => {
    const page = pageOf(timeline, request);
    expect(ids(page.events)).toEqual(expected);
    expect(page.hasNextPage).toBe(hasNextPage);
  });

  it('pages through everything without overlaps or gaps', () => {
    const seen: string[] = [];
    let after = null;
    for (let page = pageOf(timeline, { first: 2, after, kinds: null }); ; page = pageOf(timeline, { first: 2, after, kinds: null })) {
      seen.push(...ids(page.events));
      if (!page.hasNextPage) break;
      after = page.events.at(-1)!.position;
    }
    expect(seen).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
  });
});

describe('checkPageSize', () => {
  it.each([0, 1, MAX_PAGE_SIZE])('accepts %i', (first) => {
    expect(checkPageSize(first)).toBe(first);
  });

  it.each([-1, MAX_PAGE_SIZE + 1, 1.5])('refuses %s with INVALID_ARGUMENT', (first) => {
    expect(() => checkPageSize(first)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }) as AppError);
  });
});
