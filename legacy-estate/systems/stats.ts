import type { LegacySystem, SystemId } from './types.ts';

/** Request counts per system and operation, for tests that assert how often a system was called. */
export interface SystemStats {
  requests: number;
  operations: Record<string, number>;
}

export interface StatsRecorder {
  /** `operation` is undefined for a request that matched no route. */
  count(id: SystemId, operation: string | undefined): void;
  snapshot(): Record<SystemId, SystemStats>;
  reset(): void;
}

export function createStats(systems: readonly LegacySystem[]): StatsRecorder {
  const zeroed = () =>
    Object.fromEntries(
      systems.map((system) => [system.id, { requests: 0, operations: Object.fromEntries(system.routes.map((route) => [route.operation, 0])) }]),
    ) as Record<SystemId, SystemStats>;
  let counts = zeroed();
  return {
    count(id, operation) {
      const entry = counts[id];
      entry.requests++;
      if (operation !== undefined) entry.operations[operation] = (entry.operations[operation] ?? 0) + 1;
    },
    snapshot: () => structuredClone(counts),
    reset: () => {
      counts = zeroed();
    },
  };
}
