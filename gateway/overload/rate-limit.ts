import { hash } from 'node:crypto';
import pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { ROLES, type Principal, type Role } from '../../platform/auth/index.ts';
import type { RateLimitConfig } from '../../platform/config/index.ts';
import { RetryLaterError } from '../../platform/errors/index.ts';
import type { Logger } from '../../platform/logging/index.ts';
import type { Metrics } from '../../platform/metrics/index.ts';

export interface RateLimitOptions {
  readonly config: RateLimitConfig;
  /** Where the shared count lives when `config.store` is `postgres`. */
  readonly databaseUrl?: string;
  readonly metrics: Metrics;
  readonly logger: Logger;
}

export interface RateLimit {
  /** Counts one request for this caller; throws RATE_LIMITED (with the seconds to wait) when over its role's budget. */
  consume(principal: Principal): Promise<void>;
  close(): Promise<void>;
}

/** The PostgreSQL table every gateway instance counts in (created if absent). */
const TABLE = 'gateway_rate_limit';
/** Hashed caller keys remembered before the map starts afresh: far more callers than one gateway sees at once. */
const MAX_REMEMBERED_KEYS = 10_000;

type Counted = 'subject' | 'organisation';

/** One budget a role has, and where it is counted. */
interface Count {
  readonly counted: Counted;
  readonly limiter: RateLimiterAbstract;
}

/**
 * Per-caller budgets by role, counted per token subject and, where the role has one, per
 * organisation, over fixed windows. In memory each process counts alone; with the `postgres`
 * store every instance shares one count, and if PostgreSQL fails or is slow a request falls
 * back to this process's own count rather than being refused or let through unlimited.
 */
export async function createRateLimit(options: RateLimitOptions): Promise<RateLimit> {
  const { config } = options;
  const durationSec = config.windowMs / 1000;
  const pool = config.store === 'postgres' ? openPool(options) : undefined;

  const limiter = async (counted: Counted, role: Role, points: number): Promise<RateLimiterAbstract> => {
    const keyPrefix = `${counted}:${role}`;
    const memory = new RateLimiterMemory({ keyPrefix, points, duration: durationSec });
    if (!pool) return memory;
    return new Promise((resolve, reject) => {
      const shared: RateLimiterPostgres = new RateLimiterPostgres(
        {
          storeClient: pool,
          storeType: 'pool',
          tableName: TABLE,
          keyPrefix,
          points,
          duration: durationSec,
          // Once a key is over its budget, refuse it here until the window ends, without asking PostgreSQL again.
          inMemoryBlockOnConsumed: points + 1,
          insuranceLimiter: memory,
        },
        (error?: Error) => (error ? reject(error) : resolve(shared)),
      );
    });
  };

  // Per role, only the counts it has: most roles have no organisation budget, and a request
  // should not pay for a count that is never kept.
  const limiters = new Map<Role, Count[]>();
  // One at a time: each creates the table if absent, and PostgreSQL does not like concurrent CREATE TABLE.
  for (const role of ROLES) {
    const budget = config.perRole[role];
    const counts: Count[] = [{ counted: 'subject', limiter: await limiter('subject', role, budget.perSubject) }];
    if (budget.perOrganisation !== undefined) counts.push({ counted: 'organisation', limiter: await limiter('organisation', role, budget.perOrganisation) });
    limiters.set(role, counts);
  }

  // Hashed: the store holds no caller identities, and keys have a bounded length. Remembered,
  // as the same callers send request after request (a hash costs about 0.5 µs, a look-up 0.02),
  // in a plain map started afresh when full: cheaper per request than keeping an LRU order.
  const hashes = new Map<string, string>();
  const keyFor = (identity: string): string => {
    let key = hashes.get(identity);
    if (key === undefined) {
      if (hashes.size >= MAX_REMEMBERED_KEYS) hashes.clear();
      key = hash('sha256', identity, 'base64url');
      hashes.set(identity, key);
    }
    return key;
  };

  const consumeOne = async ({ counted, limiter }: Count, principal: Principal): Promise<void> => {
    const key = keyFor(counted === 'subject' ? principal.subject : principal.organisation);
    try {
      await limiter.consume(key);
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      options.metrics.countLoadRefusal('RATE_LIMITED');
      const seconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      const who = counted === 'subject' ? 'this caller' : "this caller's organisation";
      throw new RetryLaterError('RATE_LIMITED', `Too many requests from ${who}; retry in ${seconds} s.`, seconds);
    }
  };

  return {
    consume(principal) {
      const counts = limiters.get(principal.role)!;
      if (counts.length === 1) return consumeOne(counts[0]!, principal);
      return Promise.all(counts.map((count) => consumeOne(count, principal))).then(() => undefined);
    },
    async close() {
      await pool?.end();
    },
  };
}

function openPool(options: RateLimitOptions): pg.Pool {
  if (!options.databaseUrl) throw new Error('RATE_LIMIT_STORE=postgres needs the system database');
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.config.databaseConnections,
    connectionTimeoutMillis: options.config.databaseTimeoutMs,
    query_timeout: options.config.databaseTimeoutMs,
  });
  // An idle connection's failure must not crash the gateway: the next count falls back to memory.
  pool.on('error', (error) => options.logger.warn({ err: error }, 'rate-limit database connection failed'));
  return pool;
}
