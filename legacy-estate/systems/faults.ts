import { SYSTEM_IDS, isSystemId } from './types.ts';
import type { SystemId } from './types.ts';

/**
 * Fault injection per system: added latency, a fraction of slow requests, a fraction of
 * errors or of malformed answers, a full outage, a hang, flapping between up and down, or
 * writes whose reply is lost.
 * Settings start from `ESTATE_FAULTS` and can be replaced at run time through
 * `PUT /__faults/<system id>`.
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
  /** Every request held without an answer until the caller hangs up or the estate closes. */
  hang: boolean;
  /** Fraction (0-1) of requests answered 200 with a document in the system's format holding none of what the operation returns. */
  malformedRate: number;
  /** Alternates every this many requests between down (503, first) and up; 0 is off. Counted per system, restarted by a `PUT`. */
  flapEvery: number;
  /**
   * Fraction (0-1) of writes applied and journalled whose reply is then lost (the connection is
   * destroyed): the crash between a legacy write and its acknowledgement.
   */
  lostReplyRate: number;
}

export const NO_FAULTS: Readonly<FaultSettings> = Object.freeze({ latencyMs: 0, errorRate: 0, slowRate: 0, slowMs: 0, outage: false, hang: false, malformedRate: 0, flapEvery: 0, lostReplyRate: 0 });

const MAX_DELAY_MS = 120_000;
const MAX_FLAP_EVERY = 1_000_000;

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
  const hang = value['hang'] ?? NO_FAULTS.hang;
  if (typeof hang !== 'boolean') throw new FaultSettingsError('hang must be true or false');
  const flapEvery = numberIn(value['flapEvery'] ?? NO_FAULTS.flapEvery, 'flapEvery', MAX_FLAP_EVERY);
  if (!Number.isInteger(flapEvery)) throw new FaultSettingsError('flapEvery must be a whole number of requests');
  return {
    latencyMs: numberIn(value['latencyMs'] ?? NO_FAULTS.latencyMs, 'latencyMs', MAX_DELAY_MS),
    errorRate: numberIn(value['errorRate'] ?? NO_FAULTS.errorRate, 'errorRate', 1),
    slowRate: numberIn(value['slowRate'] ?? NO_FAULTS.slowRate, 'slowRate', 1),
    slowMs: numberIn(value['slowMs'] ?? NO_FAULTS.slowMs, 'slowMs', MAX_DELAY_MS),
    outage,
    hang,
    malformedRate: numberIn(value['malformedRate'] ?? NO_FAULTS.malformedRate, 'malformedRate', 1),
    flapEvery,
    lostReplyRate: numberIn(value['lostReplyRate'] ?? NO_FAULTS.lostReplyRate, 'lostReplyRate', 1),
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

/** What happens to one request: after `delayMs`, an injected failure or (null) its real answer. */
export interface FaultDecision {
  delayMs: number;
  failWith: 500 | 503 | 'hang' | 'malformed' | null;
  /** A write is applied, then its reply lost. */
  loseReply: boolean;
}

export interface FaultInjector {
  all(): Record<SystemId, FaultSettings>;
  replace(id: SystemId, settings: FaultSettings): void;
  decide(id: SystemId): FaultDecision;
}

/** `random` returns floats in [0, 1); the estate passes a seeded generator so runs repeat. */
export function createFaultInjector(initial: Partial<Record<SystemId, FaultSettings>>, random: () => number): FaultInjector {
  const current = new Map<SystemId, FaultSettings>(SYSTEM_IDS.map((id) => [id, { ...(initial[id] ?? NO_FAULTS) }]));
  /** Requests seen since the settings were last replaced, for flapping. */
  const seen = new Map<SystemId, number>();
  const settingsOf = (id: SystemId) => current.get(id) ?? NO_FAULTS;
  return {
    all: () => Object.fromEntries(SYSTEM_IDS.map((id) => [id, { ...settingsOf(id) }])) as Record<SystemId, FaultSettings>,
    replace(id, settings) {
      current.set(id, { ...settings });
      seen.delete(id);
    },
    decide(id) {
      const settings = settingsOf(id);
      const slow = settings.slowRate > 0 && random() < settings.slowRate;
      const delayMs = settings.latencyMs + (slow ? settings.slowMs : 0);
      const fail = (failWith: FaultDecision['failWith']): FaultDecision => ({ delayMs, failWith, loseReply: false });
      if (settings.outage) return fail(503);
      if (settings.hang) return fail('hang');
      if (settings.flapEvery > 0) {
        const count = seen.get(id) ?? 0;
        seen.set(id, count + 1);
        if (Math.floor(count / settings.flapEvery) % 2 === 0) return fail(503);
      }
      if (settings.errorRate > 0 && random() < settings.errorRate) return fail(500);
      if (settings.malformedRate > 0 && random() < settings.malformedRate) return fail('malformed');
      return { delayMs, failWith: null, loseReply: settings.lostReplyRate > 0 && random() < settings.lostReplyRate };
    },
  };
}
