export { createLegacyClient } from './legacy-client.ts';
export type { LegacyClient, LegacyClientOptions, LegacyRequest, LegacyResponse } from './legacy-client.ts';
export { mapSettled } from './concurrency.ts';
export { createBreakerBoard } from './breaker-board.ts';
export type { BreakerBoard, BreakerState } from './breaker-board.ts';
