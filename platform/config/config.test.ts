import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './index.ts';

/** Shaped like a live key (name, service id, secret); nothing accepts it. */
const PRODUCTION_NOTIFY_KEY = 'citizen_graph_live-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0';

describe('loadConfig', () => {
  it('gives a working embedded default with no environment at all', () => {
    const config = loadConfig({});
    expect(config.gateway.port).toBe(4000);
    expect(config.legacy.pscs.baseUrl).toBe('http://127.0.0.1:4100/pscs');
    expect(config.subgraphs.identity.url).toBe('http://127.0.0.1:4001/graphql');
    expect(config.production).toBe(false);
    expect(Object.isFrozen(config.legacy.cis)).toBe(true);
  });

  it('reports every problem at once', () => {
    try {
      loadConfig({ PORT: 'eighty', LEGACY_CONNECTIONS: '-1', ESTATE_FAULTS: '[1]' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/LEGACY_CONNECTIONS/);
    }
  });

  it('refuses production without a real issuer and a configured gateway secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_JWKS_URL[\s\S]*AUTH_ISSUER[\s\S]*INTERNAL_TOKEN_SECRET[\s\S]*NOTIFY_API_KEY[\s\S]*AUDIT_SIGNING_KEY_FILE/);
  });

  it('keeps the audit signing key, its public key and the checkpoints under DATA_DIR in development, and never makes a key in production', () => {
    expect(loadConfig({ DATA_DIR: '/var/cg' }).audit.checkpoints).toEqual({
      file: '/var/cg/audit-checkpoints.jsonl',
      signingKeyFile: '/var/cg/audit-signing/private-key.pem',
      createSigningKey: true,
      verifyKeyFile: '/var/cg/audit-signing/public-key.pem',
      everyEntries: 100,
      intervalMs: 5_000,
      maxUncoveredEntries: 10_000,
    });
    const production = loadConfig({
      NODE_ENV: 'production', AUTH_JWKS_URL: 'https://login.example/jwks', AUTH_ISSUER: 'https://login.example/', INTERNAL_TOKEN_SECRET: 'x'.repeat(32),
      AUDIT_SIGNING_KEY_FILE: '/run/secrets/audit-signing-key', AUDIT_CHECKPOINT_FILE: '/audit-evidence/checkpoints.jsonl', NOTIFY_API_KEY: PRODUCTION_NOTIFY_KEY,
    });
    expect(production.audit.checkpoints).toMatchObject({ signingKeyFile: '/run/secrets/audit-signing-key', createSigningKey: false, file: '/audit-evidence/checkpoints.jsonl' });
  });

  it("takes the audit's group commit window in whole milliseconds, 0 (each write at once) to a second", () => {
    expect(loadConfig({ AUDIT_GROUP_COMMIT_MS: '0' }).audit.groupCommitMs).toBe(0);
    expect(loadConfig({ AUDIT_GROUP_COMMIT_MS: '25' }).audit.groupCommitMs).toBe(25);
    for (const refused of ['-1', '1.5', '1001', 'soon']) expect(() => loadConfig({ AUDIT_GROUP_COMMIT_MS: refused })).toThrow(/AUDIT_GROUP_COMMIT_MS/);
  });

  it("journals the estate's writes under DATA_DIR unless ESTATE_DATA_DIR says where", () => {
    expect(loadConfig({ DATA_DIR: '/var/cg' }).estate.dataDir).toBe('/var/cg/estate');
    expect(loadConfig({ DATA_DIR: '/var/cg', ESTATE_DATA_DIR: '/srv/estate' }).estate.dataDir).toBe('/srv/estate');
  });

  it('splits a GOV.UK Notify API key into its service id and secret, and refuses one of another shape', () => {
    expect(loadConfig({ NOTIFY_API_KEY: PRODUCTION_NOTIFY_KEY }).notify).toEqual({ serviceId: '26785a09-ab16-4eb0-8407-a37497a57506', secret: '3d844edf-8d35-48ac-975b-e847b4f122b0' });
    expect(() => loadConfig({ NOTIFY_API_KEY: 'not-a-key' })).toThrow(/NOTIFY_API_KEY/);
    expect(loadConfig({}).legacy.notify.baseUrl).toBe('http://127.0.0.1:4100/notify');
  });

  it('refuses a fail-closed bound below the checkpoint interval in entries', () => {
    expect(() => loadConfig({ AUDIT_CHECKPOINT_EVERY_ENTRIES: '500', AUDIT_CHECKPOINT_MAX_UNCOVERED_ENTRIES: '100' })).toThrow(/AUDIT_CHECKPOINT_MAX_UNCOVERED_ENTRIES/);
  });

  it("names the development issuer the same whatever the gateway's port", () => {
    expect(loadConfig({ PORT: '4400' }).auth.issuer).toBe(loadConfig({}).auth.issuer);
    expect(loadConfig({}).auth.issuer).not.toMatch(/4000/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ AUTH_JWKS_URL: '', PORT: '' }).auth.jwksUrl).toBeUndefined();
    expect(loadConfig({ PORT: '' }).gateway.port).toBe(4000);
  });

  it('lets each legacy system live on its own host', () => {
    expect(loadConfig({ LEGACY_UC_URL: 'https://uc.internal/api/' }).legacy.uc.baseUrl).toBe('https://uc.internal/api');
  });

  it('merges per-role rate limits over the defaults', () => {
    const { rateLimit } = loadConfig({ RATE_LIMITS: '{"partner":{"perSubject":100},"citizen":{"perSubject":5,"perOrganisation":50}}' }).overload;
    expect(rateLimit.perRole.partner).toEqual({ perSubject: 100, perOrganisation: loadConfig({}).overload.rateLimit.perRole.partner.perOrganisation });
    expect(rateLimit.perRole.citizen).toEqual({ perSubject: 5, perOrganisation: 50 });
    expect(rateLimit.perRole.agent).toEqual(loadConfig({}).overload.rateLimit.perRole.agent);
  });

  it.each([
    ['not JSON', { RATE_LIMITS: 'partner=5' }, /RATE_LIMITS: must be JSON/],
    ['an unknown role', { RATE_LIMITS: '{"robot":{"perSubject":5}}' }, /RATE_LIMITS/],
    ['a budget that is not a positive whole number', { RATE_LIMITS: '{"agent":{"perSubject":0}}' }, /RATE_LIMITS: agent.perSubject/],
    ['an organisation budget below its subject budget', { RATE_LIMITS: '{"partner":{"perSubject":20000}}' }, /partner.perOrganisation is below its perSubject/],
  ])('refuses %s for the rate limit', (_case, env, problem) => {
    expect(() => loadConfig(env)).toThrow(problem);
  });

  it('runs one whole-system worker per core, with /metrics on its own port, unless told otherwise', () => {
    expect(loadConfig({}).process).toEqual({ workers: availableParallelism(), gatewayAcceptors: 16, semiSpaceMb: 16, heapGrowingPercent: 50, opsPort: 9464, shutdownTimeoutMs: 8_000 });
    expect(loadConfig({ WORKERS: '3', GATEWAY_ACCEPTORS: '1', WORKER_SEMI_SPACE_MB: '0', WORKER_HEAP_GROWING_PERCENT: '0', OPS_PORT: '9100', SHUTDOWN_TIMEOUT_MS: '500' }).process).toEqual({
      workers: 3, gatewayAcceptors: 1, semiSpaceMb: 0, heapGrowingPercent: 0, opsPort: 9100, shutdownTimeoutMs: 500,
    });
    expect(() => loadConfig({ WORKERS: '0' })).toThrow(/WORKERS/);
    for (const refused of ['0', '257', '2.5']) expect(() => loadConfig({ GATEWAY_ACCEPTORS: refused })).toThrow(/GATEWAY_ACCEPTORS/);
    expect(() => loadConfig({ WORKER_SEMI_SPACE_MB: '-1' })).toThrow(/WORKER_SEMI_SPACE_MB/);
    expect(() => loadConfig({ WORKER_HEAP_GROWING_PERCENT: '12.5' })).toThrow(/WORKER_HEAP_GROWING_PERCENT/);
  });

  it('says which subgraph URLs were configured: those are called over HTTP even beside the gateway', () => {
    const config = loadConfig({ BANK_URL: 'http://bank:4004/graphql' });
    expect(config.subgraphs.bank).toEqual({ port: 4004, url: 'http://bank:4004/graphql', urlConfigured: true });
    expect(config.subgraphs.identity.urlConfigured).toBe(false);
  });

  it('gives each delivery system its own concurrency, the default for those not named, and refuses a system it does not know', () => {
    const { concurrency } = loadConfig({ DELIVERY_CONCURRENCY: '{"pscs":1}', DELIVERY_CONCURRENCY_DEFAULT: '3' }).changes.delivery;
    expect(concurrency.pscs).toBe(1);
    expect(concurrency.uc).toBe(3);
    expect(() => loadConfig({ DELIVERY_CONCURRENCY: '{"mainframe":2}' })).toThrow(/DELIVERY_CONCURRENCY/);
    expect(() => loadConfig({ DELIVERY_CONCURRENCY: 'four' })).toThrow(/DELIVERY_CONCURRENCY: must be JSON/);
  });

  it('refuses a delivery expiry a live write could outlast, and idempotency keys kept under 24 hours', () => {
    expect(() => loadConfig({ DELIVERY_EXPIRE_SECONDS: '10', LEGACY_WRITE_DEADLINE_MS: '10000' })).toThrow(/DELIVERY_EXPIRE_SECONDS/);
    expect(loadConfig({ DELIVERY_EXPIRE_SECONDS: '11', LEGACY_WRITE_DEADLINE_MS: '10000' }).changes.delivery.expireSeconds).toBe(11);
    expect(() => loadConfig({ IDEMPOTENCY_RETENTION_HOURS: '23' })).toThrow(/IDEMPOTENCY_RETENTION_HOURS/);
  });
});
