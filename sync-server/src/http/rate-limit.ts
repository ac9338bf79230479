// A token bucket per key (a device, or an address for enrollment). It lives in this process's memory: with
// N processes behind a load balancer a device gets up to N times the rate. This is the one part of the
// server that assumes a single process; a shared limiter (PostgreSQL or the load balancer) replaces it.
export type RateLimit = { capacity: number; refillPerSecond: number };

export type RateLimiter = {
  /** Takes a token; returns 0 when allowed, else the seconds to wait. */
  take(key: string): number;
};

export function createRateLimiter(limit: RateLimit, now: () => number = Date.now, maxKeys = 100_000): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const t = now();
      const b = buckets.get(key) ?? { tokens: limit.capacity, at: t };
      b.tokens = Math.min(limit.capacity, b.tokens + ((t - b.at) / 1000) * limit.refillPerSecond);
      b.at = t;
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
      return Math.ceil((1 - b.tokens) / limit.refillPerSecond);
    },
  };
}
