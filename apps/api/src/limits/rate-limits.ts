// Rate limits by kind of request, per caller key (limits/caller.ts), from rate-limiter-flexible:
// in memory for one instance, in Redis when REDIS_URL is set so that every instance counts
// against the same allowance. Should Redis be unreachable, each instance falls back to counting
// in its own memory (the library's insurance limiter) rather than refusing or allowing all.
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Logger } from '../logger.js';

/** writes: every mutation; expensive: reads that cost a pass over a document or the database (diff, export, search). */
export type RateLimitKind = 'writes' | 'expensive';

/** `points` requests per key per `durationSeconds`; 0 points means no limit. */
export interface RateLimitRule {
  points: number;
  durationSeconds: number;
}

export interface RateLimits {
  /**
   * Takes `cost` points from each of `keys`. Resolves with null when allowed, or with the
   * whole seconds to wait when one of the keys has no points left.
   */
  consume(kind: RateLimitKind, keys: string[], cost: number): Promise<number | null>;
  close(): Promise<void>;
}

export function createRateLimits(rules: Record<RateLimitKind, RateLimitRule>, options: { redisUrl?: string; log: Logger }): RateLimits {
  const redis = options.redisUrl
    ? new Redis(options.redisUrl, { lazyConnect: false, enableOfflineQueue: false, maxRetriesPerRequest: 1 })
    : null;
  redis?.on('error', (error: Error) => options.log.debug('rate limits: redis error (counting in memory meanwhile)', { error: error.message }));

  const limiters = new Map<RateLimitKind, RateLimiterAbstract>();
  for (const [kind, rule] of Object.entries(rules) as [RateLimitKind, RateLimitRule][]) {
    if (rule.points <= 0) continue;
    const settings = { points: rule.points, duration: rule.durationSeconds, keyPrefix: `tandem:rate:${kind}` };
    const memory = new RateLimiterMemory(settings);
    limiters.set(
      kind,
      redis ? new RateLimiterRedis({ ...settings, storeClient: redis, rejectIfRedisNotReady: true, insuranceLimiter: memory }) : memory,
    );
  }

  return {
    async consume(kind, keys, cost) {
      const limiter = limiters.get(kind);
      if (!limiter || cost <= 0) return null;
      let waitMs = 0;
      for (const key of keys) {
        try {
          await limiter.consume(key, cost);
        } catch (rejection) {
          if (!(rejection instanceof RateLimiterRes)) {
            // The store failed and had no fallback: let the request through rather than fail it.
            options.log.warn('rate limit store failed', { kind, error: rejection });
            continue;
          }
          waitMs = Math.max(waitMs, rejection.msBeforeNext);
        }
      }
      return waitMs > 0 ? Math.max(1, Math.ceil(waitMs / 1000)) : null;
    },
    async close() {
      redis?.disconnect();
    },
  };
}
