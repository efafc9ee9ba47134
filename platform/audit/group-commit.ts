/**
 * When an audit write should wait for other requests' entries. Waiting buys a shared statement
 * only when others are about to arrive: while entries come faster than one per two windows on
 * average, a write waits the window; slower than that (a quiet hour, one caseworker at a desk),
 * it starts at once, since a wait would delay the request for a statement it shares with nobody.
 */
export interface GroupCommit {
  /** Told of each entry as it is recorded, at `at` on the recorder's monotonic clock (ms). */
  arrived(at: number): void;
  /** How long the write about to start should wait for more entries: the window, or 0. */
  delayMs(): number;
}

/** Each gap moves the running mean by this share: about the last eight entries count. */
const SMOOTHING = 1 / 8;
/**
 * A longer gap counts as this long: after a quiet spell one entry is enough to stop waiting, and
 * about fifteen arriving close together bring the wait back.
 */
const LONGEST_GAP_MS = 1_000;

export function createGroupCommit(windowMs: number): GroupCommit {
  let lastArrival: number | undefined;
  /** The running mean time between entries; unknown until two have arrived. */
  let meanGapMs: number | undefined;
  return {
    arrived(at) {
      if (lastArrival !== undefined) {
        const gap = Math.min(LONGEST_GAP_MS, at - lastArrival);
        meanGapMs = meanGapMs === undefined ? gap : meanGapMs + (gap - meanGapMs) * SMOOTHING;
      }
      lastArrival = at;
    },
    delayMs: () => (windowMs > 0 && meanGapMs !== undefined && meanGapMs < 2 * windowMs ? windowMs : 0),
  };
}
