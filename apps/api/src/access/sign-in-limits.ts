// Failed sign-ins are counted per account (email) and per address, with rate-limiter-flexible:
// in memory for one instance, in Redis when REDIS_URL is set so every instance counts alike.
// Past either limit, sign-in answers RATE_LIMITED with retryAfter until the window passes,
// whatever the password: guessing one account slowly from many addresses, or many accounts
// from one address, both stop. A successful sign-in clears the account's count.
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { rateLimited } from '../documents/errors.js';

export interface SignInLimitOptions {
  /** Failed sign-ins per account per window. */
  perAccount: number;
  /** Failed sign-ins per address per window. */
  perAddress: number;
  windowSeconds: number;
  redisUrl?: string | undefined;
}

export class SignInLimits {
  private constructor(
    private readonly account: RateLimiterAbstract,
    private readonly address: RateLimiterAbstract,
    private readonly redis: Redis | null,
  ) {}

  static create(options: SignInLimitOptions): SignInLimits {
    const redis = options.redisUrl ? new Redis(options.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false }) : null;
    redis?.on('error', () => {
      // Reported by the fan-out's own connection; the limiter falls back to memory meanwhile.
    });
    const make = (points: number, keyPrefix: string): RateLimiterAbstract => {
      const memory = new RateLimiterMemory({ points, duration: options.windowSeconds, keyPrefix });
      if (!redis) return memory;
      return new RateLimiterRedis({ storeClient: redis, points, duration: options.windowSeconds, keyPrefix, insuranceLimiter: memory });
    };
    return new SignInLimits(make(options.perAccount, 'tandem:signin:account'), make(options.perAddress, 'tandem:signin:address'), redis);
  }

  /** Throws RATE_LIMITED when this account or this address has failed too often. */
  async check(email: string, address: string): Promise<void> {
    const [byAccount, byAddress] = await Promise.all([this.account.get(email), this.address.get(address)]);
    const blocked = [byAccount && this.over(byAccount, this.account), byAddress && this.over(byAddress, this.address)]
      .filter((ms): ms is number => typeof ms === 'number')
      .sort((a, b) => b - a)[0];
    if (blocked !== undefined) {
      throw rateLimited('too many failed sign-ins; wait before trying again', blocked / 1000);
    }
  }

  async failed(email: string, address: string): Promise<void> {
    await Promise.all([this.account.penalty(email), this.address.penalty(address)]);
  }

  async succeeded(email: string): Promise<void> {
    await this.account.delete(email);
  }

  async close(): Promise<void> {
    this.redis?.disconnect();
  }

  /** Milliseconds until the key may try again, or null when it still may. */
  private over(state: RateLimiterRes, limiter: RateLimiterAbstract): number | null {
    return state.consumedPoints >= limiter.points ? state.msBeforeNext : null;
  }
}
