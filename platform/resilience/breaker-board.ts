import { CircuitState } from 'cockatiel';

export type BreakerState = 'closed' | 'open' | 'half-open';

/** The breakers of one process, by legacy system, for the readiness body. */
export interface BreakerBoard {
  /** Registers one client's breaker; a system read by several subgraphs has several. */
  watch(system: string, state: () => CircuitState): void;
  /** Each system's state: open if any of its breakers is open, half-open if any is probing, else closed. */
  states(): Record<string, BreakerState>;
}

const SEVERITY: readonly BreakerState[] = ['closed', 'half-open', 'open'];

function named(state: CircuitState): BreakerState {
  if (state === CircuitState.HalfOpen) return 'half-open';
  return state === CircuitState.Closed ? 'closed' : 'open';
}

export function createBreakerBoard(): BreakerBoard {
  const watched: Array<{ system: string; state: () => CircuitState }> = [];
  return {
    watch: (system, state) => void watched.push({ system, state }),
    states() {
      const states: Record<string, BreakerState> = {};
      for (const { system, state } of watched) {
        const current = named(state());
        const known = states[system];
        if (known === undefined || SEVERITY.indexOf(current) > SEVERITY.indexOf(known)) states[system] = current;
      }
      return states;
    },
  };
}
