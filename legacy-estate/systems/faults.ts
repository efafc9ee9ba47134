import { SYSTEM_IDS, isSystemId } from './types.ts';
import type { SystemId } from './types.ts';

/**
 * Fault injection per system: added latency, a fraction of slow requests, a fraction of
 * errors, or a full outage. Settings start from `ESTATE_FAULTS` and can be replaced at run
 * time through `PUT /__faults/<system id>`.
 */
export interface FaultSettings {
  /** Added to every response. */
  latencyMs: number;
  /** Fraction (0-1) of requests answered 500. */
  errorRate: number;
  /** Fraction (0-1) of requests that wait an extra `slowMs`. */
  slowRate: number;
  slowMs: number;
  /** Every request answered 503. */
  outage: boolean;
}

export const NO_FAULTS: Readonly<FaultSettings> = Object.freeze({ latencyMs: 0, errorRate: 0, slowRate: 0, slowMs: 0, outage: false });

const MAX_DELAY_MS = 120_000;

export class FaultSettingsError extends Error {
  override name = 'FaultSettingsError';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numberIn(value: unknown, key: string, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max) {
    throw new FaultSettingsError(`${key} must be a number from 0 to ${max}`);
  }
  return value;
}

/** One system's settings; missing keys take their defaults, unknown keys are refused. */
export function parseFaultSettings(value: unknown): FaultSettings {
  if (!isPlainObject(value)) throw new FaultSettingsError('fault settings must be a JSON object');
  const unknown = Object.keys(value).filter((key) => !(key in NO_FAULTS));
  if (unknown.length > 0) throw new FaultSettingsError(`unknown fault setting(s): ${unknown.join(', ')}`);
  const outage = value['outage'] ?? NO_FAULTS.outage;
  if (typeof outage !== 'boolean') throw new FaultSettingsError('outage must be true or false');
  return {
    latencyMs: numberIn(value['latencyMs'] ?? NO_FAULTS.latencyMs, 'latencyMs', MAX_DELAY_MS),
    errorRate: numberIn(value['errorRate'] ?? NO_FAULTS.errorRate, 'errorRate', 1),
    slowRate: numberIn(value['slowRate'] ?? NO_FAULTS.slowRate, 'slowRate', 1),
    slowMs: numberIn(value['slowMs'] ?? NO_FAULTS.slowMs, 'slowMs', MAX_DELAY_MS),
    outage,
  };
}

/** `ESTATE_FAULTS`-shaped input: an object keyed by system id. */
export function parseEstateFaults(value: unknown): Partial<Record<SystemId, FaultSettings>> {
  if (!isPlainObject(value)) throw new FaultSettingsError('estate faults must be a JSON object keyed by system id');
  const parsed: Partial<Record<SystemId, FaultSettings>> = {};
  for (const [id, settings] of Object.entries(value)) {
    if (!isSystemId(id)) throw new FaultSettingsError(`unknown system id: ${id}`);
    parsed[id] = parseFaultSettings(settings);
  }
  return parsed;
}

/** What happens to one request. */
export interface FaultDecision {
  delayMs: number;
  failWith: 500 | 503 | null;
}

export interface FaultInjector {
  all(): Record<SystemId, FaultSettings>;
  replace(id: SystemId, settings: FaultSettings): void;
  decide(id: SystemId): FaultDecision;
}

/** `random` returns floats in [0, 1); the estate passes a seeded generator so runs repeat. */
export function createFaultInjector(initial: Partial<Record<SystemId, FaultSettings>>, random: () => number): FaultInjector {
  const current = new Map<SystemId, FaultSettings>(SYSTEM_IDS.map((id) => [id, { ...(initial[id] ?? NO_FAULTS) }]));
  const settingsOf = (id: SystemId) => current.get(id) ?? NO_FAULTS;
  return {
    all: () => Object.fromEntries(SYSTEM_IDS.map((id) => [id, { ...settingsOf(id) }])) as Record<SystemId, FaultSettings>,
    replace: (id, settings) => void current.set(id, { ...settings }),
    decide(id) {
      const settings = settingsOf(id);
      const slow = settings.slowRate > 0 && random() < settings.slowRate;
      const delayMs = settings.latencyMs + (slow ? settings.slowMs : 0);
      if (settings.outage) return { delayMs, failWith: 503 };
      return { delayMs, failWith: settings.errorRate > 0 && random() < settings.errorRate ? 500 : null };
    },
  };
}
