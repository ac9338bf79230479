// Rule: a device gets the same rate however many server processes sit behind the load balancer (DESIGN.md
// "Sync": nothing may assume a single process). On PostgreSQL the token buckets live in one table and every
// take is a single upsert, so the row lock orders concurrent takes from any process without advisory locks.
// The in-memory limiter is for a single process (embedded PGlite) and for the arithmetic's own tests.
import type { Queryable } from '../store/database.js';

export type RateLimit = { capacity: number; refillPerSecond: number };

export type RateLimiter = {
  /** Takes a token; resolves to 0 when allowed, else the seconds to wait. */
  take(key: string): number | Promise<number>;
};

function waitSeconds(tokens: number, limit: RateLimit): number {
  return Math.max(1, Math.ceil((1 - tokens) / limit.refillPerSecond));
}

export function createRateLimiter(limit: RateLimit, now: () => number = Date.now, maxKeys = 100_000): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const t = now();
      const b = buckets.get(key) ?? { tokens: limit.capacity, at: t };
      b.tokens = Math.min(limit.capacity, b.tokens + (Math.max(0, t - b.at) / 1000) * limit.refillPerSecond);
      b.at = Math.max(b.at, t);
      // Keep the map bounded: forget the oldest key (a forgotten bucket starts full, which errs on allowing).
      if (!buckets.has(key) && buckets.size >= maxKeys) {
        const oldest = buckets.keys().next().value;
        if (oldest !== undefined) buckets.delete(oldest);
      }
      buckets.delete(key);
      buckets.set(key, b);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return waitSeconds(b.tokens, limit);
    },
  };
}

// The refill as of $3 (ms), capped at the capacity; SET expressions read the row as it was before the update.
const REFILLED = 'LEAST($2::float8, b.tokens + GREATEST(0, $3::bigint - b.at_ms) / 1000.0 * $4::float8)';
const TAKE = `
INSERT INTO rate_limit_buckets AS b (key, tokens, at_ms, allowed)
VALUES ($1, $2::float8 - 1, $3::bigint, true)
ON CONFLICT (key) DO UPDATE SET
  tokens = ${REFILLED} - CASE WHEN ${REFILLED} >= 1 THEN 1 ELSE 0 END,
  allowed = ${REFILLED} >= 1,
  at_ms = GREATEST(b.at_ms, $3::bigint)
RETURNING tokens, allowed`;

/** A bucket untouched this long has refilled long ago: it is deleted, and starts full when next used. */
const FORGET_AFTER_MS = 60 * 60_000;
const PRUNE_EVERY = 5_000;

/** Token buckets in PostgreSQL, shared by every process over the same database. `prefix` keeps limits apart. */
export function createSharedRateLimiter(db: Queryable, prefix: string, limit: RateLimit, now: () => number = Date.now): RateLimiter {
  if (limit.capacity < 1) throw new Error('a rate limit needs a capacity of at least one token');
  let takes = 0;
  return {
    async take(key) {
      const t = now();
      if (++takes % PRUNE_EVERY === 0) {
        await db.query('DELETE FROM rate_limit_buckets WHERE key LIKE $1 AND at_ms < $2', [`${prefix}:%`, t - FORGET_AFTER_MS]);
      }
      const rows = await db.query<{ tokens: number; allowed: boolean }>(TAKE, [`${prefix}:${key}`, limit.capacity, t, limit.refillPerSecond]);
      const row = rows[0];
      if (!row) throw new Error('the rate limit upsert returned no row');
      return row.allowed ? 0 : waitSeconds(Number(row.tokens), limit);
    },
  };
}
