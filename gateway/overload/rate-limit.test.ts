import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config/index.ts';
import { createLogger } from '../../platform/logging/index.ts';
import { createMetrics } from '../../platform/metrics/index.ts';
import type { Principal } from '../../platform/auth/index.ts';
import { RetryLaterError } from '../../platform/errors/index.ts';
import { createTestDatabase, type TestDatabase } from '../../platform/database/test-databases.ts';
import { startDatabaseProxy, type DatabaseProxy } from '../../test/tcp-proxy.ts';
import { createRateLimit, type RateLimit } from './rate-limit.ts';

const caseworker: Principal = { subject: 'caseworker-1', role: 'agent', organisation: 'DWP', scopes: new Set(), requestId: 'r' };

async function refusal(attempt: Promise<void>): Promise<RetryLaterError | undefined> {
  return attempt.then(
    () => undefined,
    (error: unknown) => {
      if (error instanceof RetryLaterError) return error;
      throw error;
    },
  );
}

describe('the PostgreSQL rate-limit store when PostgreSQL goes away', () => {
  let database: TestDatabase;
  let proxy: DatabaseProxy;
  let limit: RateLimit;
  beforeAll(async () => {
    database = await createTestDatabase();
    proxy = await startDatabaseProxy(database.url);
    const config = loadConfig({ DATABASE_URL: proxy.url, RATE_LIMIT_STORE: 'postgres', RATE_LIMITS: '{"agent":{"perSubject":2}}' });
    limit = await createRateLimit({ config: config.overload.rateLimit, databaseUrl: proxy.url, metrics: createMetrics(), logger: createLogger({ level: 'silent', name: 'test' }) });
  });
  afterAll(async () => {
    await limit?.close();
    await proxy?.close();
    await database?.drop();
  });

  it("falls back to this process's own count, neither refusing every caller nor letting them through unlimited", async () => {
    await limit.consume(caseworker);
    await limit.consume(caseworker);
    expect((await refusal(limit.consume(caseworker)))?.code).toBe('RATE_LIMITED');

    proxy.cut();
    const other = { ...caseworker, subject: 'caseworker-2' };
    expect(await refusal(limit.consume(other))).toBeUndefined();
    expect(await refusal(limit.consume(other))).toBeUndefined();
    const refused = await refusal(limit.consume(other));
    expect(refused?.code).toBe('RATE_LIMITED');
    expect(refused?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });
});
