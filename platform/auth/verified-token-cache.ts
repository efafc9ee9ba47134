import { LRUCache } from 'lru-cache';

export interface VerifiedTokenCacheOptions {
  /** Most tokens remembered, least recently used out first; 0 remembers none. */
  readonly size: number;
  /** Longest any token is remembered, whatever its own expiry. */
  readonly maxAgeMs: number;
  readonly now: () => number;
}

/**
 * What verifying a token concluded, remembered so the same token is not verified again on
 * every request: never past the token's own expiry, nor past `maxAgeMs`.
 */
export interface VerifiedTokenCache<T> {
  /** False when `size` is 0, so a caller can skip working out a key. */
  readonly enabled: boolean;
  get(key: string): T | undefined;
  /** `expiresAtSeconds` is the token's `exp` claim. */
  remember(key: string, value: T, expiresAtSeconds: number): void;
}

export function createVerifiedTokenCache<T extends NonNullable<unknown>>(options: VerifiedTokenCacheOptions): VerifiedTokenCache<T> {
  const { now, maxAgeMs } = options;
  const cache = options.size > 0 ? new LRUCache<string, T>({ max: options.size, ttlResolution: 0, perf: { now } }) : undefined;
  return {
    enabled: cache !== undefined,
    get: (key) => cache?.get(key),
    remember(key, value, expiresAtSeconds) {
      const ttl = Math.min(expiresAtSeconds * 1000 - now(), maxAgeMs);
      if (cache && ttl > 0) cache.set(key, value, { ttl });
    },
  };
}
