import { AppError } from '../../../platform/errors/index.ts';
import type { EventKind, TimelineEvent } from './events.ts';

/**
 * One citizen's timeline, newest first, and a page of it after a position. Pure. A position
 * is an event's place in the order (when, then id), not an index: a page asked for after it
 * starts at the next event in that order, so events that arrive between two pages (a new
 * delivery, a system that answers again) never shift the pages already read.
 */

/** The most events one page may hold. */
export const MAX_PAGE_SIZE = 100;

/** Where an event sits in the timeline: its instant (days at their start, UTC), then its id. */
export interface Position {
  readonly at: string;
  readonly id: string;
}

export function positionOf(event: TimelineEvent): Position {
  // A day compares as its first instant: after everything recorded later that day, in newest-first order.
  const at = event.occurredAt.length === 10 ? `${event.occurredAt}T00:00:00.000Z` : new Date(event.occurredAt).toISOString();
  return { at, id: event.id };
}

/** Newest first; events at one instant by id, so the order is total and the same on every read. */
export function comparePositions(a: Position, b: Position): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface PlacedEvent {
  readonly event: TimelineEvent;
  readonly position: Position;
}

/** The events of every source in one order; an id seen twice (a delivery our store and the system both record) is kept once, from the first source that has it. */
export function mergeTimeline(sources: readonly (readonly TimelineEvent[])[]): PlacedEvent[] {
  const byId = new Map<string, TimelineEvent>();
  for (const event of sources.flat()) if (!byId.has(event.id)) byId.set(event.id, event);
  return [...byId.values()].map((event) => ({ event, position: positionOf(event) })).sort((a, b) => comparePositions(a.position, b.position));
}

export interface PageRequest {
  readonly first: number;
  readonly after: Position | null;
  /** Only these kinds; null for every kind. */
  readonly kinds: readonly EventKind[] | null;
}

export interface Page {
  readonly events: readonly PlacedEvent[];
  readonly hasNextPage: boolean;
}

/** `first` as the schema documents it: 0 to MAX_PAGE_SIZE. */
export function checkPageSize(first: number): number {
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new AppError('INVALID_ARGUMENT', `events(first:) must be from 0 to ${MAX_PAGE_SIZE}; got ${first}.`);
  }
  return first;
}

export function pageOf(timeline: readonly PlacedEvent[], request: PageRequest): Page {
  const after = request.after;
  const kinds = request.kinds === null ? null : new Set(request.kinds);
  const remaining = timeline.filter((placed) => (after === null || comparePositions(placed.position, after) > 0) && (kinds === null || kinds.has(placed.event.kind)));
  return { events: remaining.slice(0, request.first), hasNextPage: remaining.length > request.first };
}
