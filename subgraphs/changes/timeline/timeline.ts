import { LegacyError } from '../../../platform/errors/index.ts';
import type { ChangeRecord, ReviewTask } from '../domain.ts';
import { changeEvents, historyEvents, reviewTaskEvents, type SystemHistoryResult } from './events.ts';
import { mergeTimeline, type PlacedEvent } from './page.ts';

export interface TimelineSources {
  readonly changes: readonly ChangeRecord[];
  /** Empty where the caller is not shown review tasks. */
  readonly reviewTasks: readonly ReviewTask[];
  /** Every system asked, in the order their gaps are reported. */
  readonly histories: readonly SystemHistoryResult[];
}

export interface Timeline {
  readonly events: readonly PlacedEvent[];
  /** One error per system that could not be read, naming it: that system's events are missing. */
  readonly gaps: readonly LegacyError[];
}

/** A failure as the gap it leaves: a LegacyError names its system already; anything else is that system unavailable. */
function gapOf(system: string, error: Error): LegacyError {
  return error instanceof LegacyError ? error : new LegacyError('LEGACY_UNAVAILABLE', system, { cause: error });
}

/** A citizen's whole timeline from every source; our store first, so a delivery both record is told as our store tells it. */
export function buildTimeline(sources: TimelineSources): Timeline {
  const gaps: LegacyError[] = [];
  const fromSystems = sources.histories.map(({ system, history }) => {
    if (history instanceof Error) {
      gaps.push(gapOf(system, history));
      return [];
    }
    return history === null ? [] : historyEvents(system, history);
  });
  return { events: mergeTimeline([changeEvents(sources.changes), reviewTaskEvents(sources.reviewTasks), ...fromSystems]), gaps };
}
