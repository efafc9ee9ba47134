import { describe, expect, it } from 'vitest';
import { FaultSettingsError, NO_FAULTS, createFaultInjector, parseEstateFaults, parseFaultSettings } from './faults.ts';

describe('fault settings', () => {
  it('fills missing keys with defaults', () => {
    expect(parseFaultSettings({ latencyMs: 200 })).toEqual({ ...NO_FAULTS, latencyMs: 200 });
    expect(parseFaultSettings({})).toEqual(NO_FAULTS);
  });

  it.each([
    [null, /JSON object/],
    [[], /JSON object/],
    [{ latency: 5 }, /unknown fault setting/],
    [{ errorRate: 1.5 }, /errorRate/],
    [{ latencyMs: -1 }, /latencyMs/],
    [{ slowMs: '100' }, /slowMs/],
    [{ outage: 'yes' }, /outage/],
    [{ hang: 1 }, /hang/],
    [{ malformedRate: 2 }, /malformedRate/],
    [{ flapEvery: 2.5 }, /flapEvery/],
  ])('refuses %o', (input, message) => {
    expect(() => parseFaultSettings(input)).toThrow(message);
    expect(() => parseFaultSettings(input)).toThrow(FaultSettingsError);
  });

  it('reads ESTATE_FAULTS keyed by system id and refuses unknown systems', () => {
    expect(parseEstateFaults({ pscs: { latencyMs: 200, errorRate: 0.1 } })).toEqual({ pscs: { ...NO_FAULTS, latencyMs: 200, errorRate: 0.1 } });
    expect(() => parseEstateFaults({ mainframe: {} })).toThrow(/unknown system id/);
  });
});

describe('createFaultInjector', () => {
  const always = () => 0;
  const never = () => 0.999;

  it.each([
    ['no faults', NO_FAULTS, always, { delayMs: 0, failWith: null, loseReply: false }],
    ['latency on every request', { ...NO_FAULTS, latencyMs: 50 }, never, { delayMs: 50, failWith: null, loseReply: false }],
    ['a slow request', { ...NO_FAULTS, latencyMs: 50, slowRate: 0.5, slowMs: 1_000 }, always, { delayMs: 1_050, failWith: null, loseReply: false }],
    ['a fast request when slowness misses', { ...NO_FAULTS, slowRate: 0.5, slowMs: 1_000 }, never, { delayMs: 0, failWith: null, loseReply: false }],
    ['an injected error', { ...NO_FAULTS, errorRate: 0.2 }, always, { delayMs: 0, failWith: 500, loseReply: false }],
    ['an outage', { ...NO_FAULTS, outage: true }, never, { delayMs: 0, failWith: 503, loseReply: false }],
    ['a hang', { ...NO_FAULTS, hang: true }, never, { delayMs: 0, failWith: 'hang', loseReply: false }],
    ['a malformed answer', { ...NO_FAULTS, malformedRate: 0.5 }, always, { delayMs: 0, failWith: 'malformed', loseReply: false }],
    ['a well-formed answer when malformation misses', { ...NO_FAULTS, malformedRate: 0.5 }, never, { delayMs: 0, failWith: null, loseReply: false }],
    ['a write whose reply is lost', { ...NO_FAULTS, lostReplyRate: 0.5 }, always, { delayMs: 0, failWith: null, loseReply: true }],
    ['a write answered when the loss misses', { ...NO_FAULTS, lostReplyRate: 0.5 }, never, { delayMs: 0, failWith: null, loseReply: false }],
  ])('decides %s', (_name, settings, random, decision) => {
    expect(createFaultInjector({ uc: settings }, random).decide('uc')).toEqual(decision);
  });

  it('flaps: the first flapEvery requests fail, the next answer, and so on, restarting on replace', () => {
    const injector = createFaultInjector({ pscs: { ...NO_FAULTS, flapEvery: 2 } }, never);
    const outcomes = () => Array.from({ length: 6 }, () => injector.decide('pscs').failWith);
    expect(outcomes()).toEqual([503, 503, null, null, 503, 503]);
    injector.replace('pscs', { ...NO_FAULTS, flapEvery: 1 });
    expect(outcomes()).toEqual([503, null, 503, null, 503, null]);
    expect(injector.decide('uc').failWith).toBeNull();
  });

  it('replaces one system’s settings and leaves the rest alone', () => {
    const injector = createFaultInjector({}, always);
    injector.replace('cis', { ...NO_FAULTS, outage: true });
    expect(injector.all().cis.outage).toBe(true);
    expect(injector.all().uc).toEqual(NO_FAULTS);
  });
});
