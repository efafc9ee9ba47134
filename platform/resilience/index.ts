export { createLegacyClient } from './legacy-client.ts';
export type { LegacyClient, LegacyClientOptions, LegacyRequest, LegacyResponse } from './legacy-client.ts';
export { mapSettled } from './concurrency.ts';
