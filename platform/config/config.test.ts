import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './index.ts';

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
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_JWKS_URL[\s\S]*AUTH_ISSUER[\s\S]*INTERNAL_TOKEN_SECRET/);
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
});
