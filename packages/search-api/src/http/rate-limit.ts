/**
 * Token buckets per client key, and the one Hono middleware that applies them. In memory
 * and per process: enough to stop a runaway script, not a distributed limit.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { ProblemError } from './problem.js';

export interface RateLimitOptions {
  /** Requests allowed at once (the bucket size). */
  capacity: number;
  /** Tokens added per second. */
  refillPerSecond: number;
}

export type RateLimitDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

const MAX_BUCKETS = 50_000;

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly options: RateLimitOptions,
    private readonly clock: () => Date = () => new Date(),
  ) {
    if (!(options.capacity >= 1) || !(options.refillPerSecond > 0)) throw new Error('rate limit needs capacity >= 1 and refillPerSecond > 0');
  }

  take(key: string): RateLimitDecision {
    const now = this.clock().getTime();
    const { capacity, refillPerSecond } = this.options;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= MAX_BUCKETS) this.prune(now);
      bucket = { tokens: capacity, at: now };
      this.buckets.set(key, bucket);
    } else {
      bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * refillPerSecond);
      bucket.at = now;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerSecond)) };
  }

  // Full buckets carry no information; drop them, and the oldest ones if that is not enough.
  private prune(now: number): void {
    const { capacity, refillPerSecond } = this.options;
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * refillPerSecond >= capacity) this.buckets.delete(key);
    }
    for (const key of this.buckets.keys()) {
      if (this.buckets.size < MAX_BUCKETS) break;
      this.buckets.delete(key);
    }
  }
}

export interface RateLimitMiddlewareOptions extends RateLimitOptions {
  /** Who a request counts against; see client-key.ts. */
  key: (c: Context) => string;
  clock?: () => Date;
}

/** 429 problem+json with Retry-After once a key's bucket is empty; CORS preflights are free. */
export function rateLimit(options: RateLimitMiddlewareOptions | false): MiddlewareHandler {
  if (options === false) return async (_c, next) => next();
  const limiter = new TokenBucketLimiter(options, options.clock);
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return next();
    const decision = limiter.take(options.key(c));
    if (!decision.ok) {
      throw new ProblemError(429, 'rate-limited', 'Too many requests', {
        detail: `Slow down: try again in ${decision.retryAfterSeconds} s.`,
        headers: { 'Retry-After': String(decision.retryAfterSeconds) },
      });
    }
    return next();
  };
}
