export { createLegacyClient } from './legacy-client.ts';
export { createLegacyClients } from './legacy-clients.ts';
export type { LegacyClients } from './legacy-clients.ts';
export type { LegacyCallScope, LegacyClient, LegacyClientOptions, LegacyReader, LegacyRequest, LegacyResponse } from './legacy-client.ts';
export { deadlineHeaderValue, deadlineIn, DEADLINE_HEADER, timeoutSignal } from './deadline.ts';
export type { Deadline, TimeoutSignal } from './deadline.ts';
export { mapSettled } from './concurrency.ts';
export { createBreakerBoard } from './breaker-board.ts';
export type { BreakerBoard, BreakerState } from './breaker-board.ts';
