/**
 * A fixed-window rate limit per key, as GOV.UK Notify applies to each API key: `requests` in a
 * window of `windowMs`, then 429 until the window turns. Its settings can be replaced while the
 * estate runs (`PUT /__rate-limit/<system id>`), so a test or a demonstration can throttle a
 * system and then let it go.
 */
export interface RateLimitSettings {
  requests: number;
  windowMs: number;
}

export interface RateLimiter {
  settings(): RateLimitSettings;
  /** New settings; every key starts a fresh window. */
  replace(settings: RateLimitSettings): void;
  /** Counts a request; the whole seconds to wait when it is over the limit, else null. */
  take(key: string, nowMs: number): number | null;
}

export class RateLimitSettingsError extends Error {
  override name = 'RateLimitSettingsError';
}

const MAX_REQUESTS = 1_000_000;
const MAX_WINDOW_MS = 3_600_000;

function wholeNumberIn(value: unknown, key: string, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) throw new RateLimitSettingsError(`${key} must be a whole number from 1 to ${max}`);
  return value;
}

/** Both keys required, nothing else accepted. */
export function parseRateLimitSettings(value: unknown): RateLimitSettings {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RateLimitSettingsError('a rate limit must be a JSON object { "requests", "windowMs" }');
  const record = value as Record<string, unknown>;
  const unknown = Object.keys(record).filter((key) => key !== 'requests' && key !== 'windowMs');
  if (unknown.length > 0) throw new RateLimitSettingsError(`unknown rate limit setting(s): ${unknown.join(', ')}`);
  return { requests: wholeNumberIn(record['requests'], 'requests', MAX_REQUESTS), windowMs: wholeNumberIn(record['windowMs'], 'windowMs', MAX_WINDOW_MS) };
}

export function createRateLimiter(initial: RateLimitSettings): RateLimiter {
  let current = { ...initial };
  const windows = new Map<string, { startedAtMs: number; used: number }>();
  return {
    settings: () => ({ ...current }),
    replace(settings) {
      current = { ...settings };
      windows.clear();
    },
    take(key, nowMs) {
      let window = windows.get(key);
      if (!window || nowMs - window.startedAtMs >= current.windowMs) {
        window = { startedAtMs: nowMs, used: 0 };
        windows.set(key, window);
      }
      window.used += 1;
      if (window.used <= current.requests) return null;
      return Math.max(1, Math.ceil((window.startedAtMs + current.windowMs - nowMs) / 1000));
    },
  };
}
