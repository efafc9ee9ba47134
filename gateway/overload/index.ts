export { createInFlightCap } from './in-flight-cap.ts';
export type { InFlightCap, InFlightCapOptions } from './in-flight-cap.ts';
export { createRateLimit } from './rate-limit.ts';
export type { RateLimit, RateLimitOptions } from './rate-limit.ts';
