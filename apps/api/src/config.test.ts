import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const ROOT = join(import.meta.dirname, '../../..');

describe('loadConfig', () => {
  it('puts the embedded database in the repository root’s ./data, wherever the API runs from', () => {
    expect(existsSync(join(ROOT, 'package-lock.json'))).toBe(true);
    expect(loadConfig({}).dataDir).toBe(join(ROOT, 'data'));
    expect(loadConfig({ DATA_DIR: 'elsewhere/db' }).dataDir).toBe(join(ROOT, 'elsewhere/db'));
    expect(loadConfig({ DATA_DIR: '/var/lib/tandem' }).dataDir).toBe('/var/lib/tandem');
    expect(loadConfig({ DATA_DIR: 'memory://' }).dataDir).toBe('memory://');
  });

  it('has defaults a team server never notices, and reads each operations setting', () => {
    expect(loadConfig({}).operations).toEqual({
      trustedProxies: ['loopback'],
      metricsToken: undefined,
      shutdownDelayMs: 0,
      websocketsPerAddress: 256,
      eventStreamsPerAddress: 256,
      query: { depth: 8, aliases: 15, tokens: 1000, directives: 10, cost: 5000 },
      rateLimits: { writesPerMinute: 60_000, expensivePerMinute: 600, windowSeconds: 60 },
      liveDocumentsMaxBytes: 64 * 1024 * 1024,
      quarantine: { maxBytes: 8 * 1024 * 1024, maxAgeMs: 10 * 60_000 },
    });
    const set = loadConfig({
      TRUSTED_PROXIES: '10.0.0.0/8, 192.168.1.2',
      METRICS_TOKEN: 'sixteen-chars-ok',
      RATE_LIMIT_WRITES: '0',
      QUERY_MAX_DEPTH: '12',
      RATE_LIMIT_WINDOW_SECONDS: '2',
      QUARANTINE_MAX_BYTES: '1024',
      QUARANTINE_MAX_AGE_MS: '5000',
    }).operations;
    expect(set.rateLimits.windowSeconds).toBe(2);
    expect(set.quarantine).toEqual({ maxBytes: 1024, maxAgeMs: 5000 });
    expect(set.trustedProxies).toEqual(['10.0.0.0/8', '192.168.1.2']);
    expect(set.metricsToken).toBe('sixteen-chars-ok');
    expect(set.rateLimits.writesPerMinute).toBe(0);
    expect(set.query.depth).toBe(12);
    expect(loadConfig({ TRUSTED_PROXIES: '' }).operations.trustedProxies).toEqual([]);
  });

  it.each([
    ['TRUSTED_PROXIES', 'not-an-address'],
    ['METRICS_TOKEN', 'short'],
    ['RATE_LIMIT_EXPENSIVE', '-1'],
    ['QUERY_MAX_DEPTH', '0'],
    ['RATE_LIMIT_WINDOW_SECONDS', '0'],
    ['QUARANTINE_MAX_BYTES', '0'],
    ['QUARANTINE_MAX_AGE_MS', 'soon'],
    ['WEBSOCKETS_PER_ADDRESS', 'many'],
    ['SHUTDOWN_DELAY_MS', '1.5'],
  ])('refuses %s=%s', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });
});
