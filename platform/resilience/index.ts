export { createLegacyClient } from './legacy-client.ts';
export type { LegacyCallScope, LegacyClient, LegacyClientOptions, LegacyReader, LegacyRequest, LegacyResponse } from './legacy-client.ts';
export { budgetFromHeader, deadlineHeaderValue, deadlineIn, DEADLINE_HEADER } from './deadline.ts';
export type { Deadline } from './deadline.ts';
export { mapSettled } from './concurrency.ts';
