// Every setting the API reads, validated once at start-up so that a bad value fails loudly
// here rather than later. Each default is documented in README.md's configuration table.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import proxyAddr from 'proxy-addr';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface Config {
  /** Port of the one HTTP server (0 picks a free port). */
  port: number;
  host: string;
  /** PostgreSQL connection string; when absent, embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  /** Redis for fan-out between API instances; when absent, in-process only. */
  redisUrl: string | undefined;
  /** Folder of the embedded database (absolute; a relative DATA_DIR is taken from the repository root). */
  dataDir: string;
  /** Largest accepted Yjs update, in bytes. */
  maxUpdateBytes: number;
  /** Largest image accepted (bytes); images are uploaded as one GraphQL request, so at most maxUpdateBytes. */
  maxImageBytes: number;
  /** Bytes of events a subscriber may fall behind by before its subscription is ended. */
  subscriberBacklogBytes: number;
  /** How often the API pings each WebSocket (ms); one that has not answered by the next ping is closed. */
  websocketPingMs: number;
  /** Automatic version after this many stored updates since the last version. */
  snapshotEveryUpdates: number;
  /** Automatic version when the oldest unversioned update is this old (ms). */
  snapshotEveryMs: number;
  /** Automatic version once a document has been quiet this long after edits (ms). */
  snapshotIdleMs: number;
  /** Retention of automatic versions: all younger than this (ms)... */
  versionsKeepAllMs: number;
  /** ...then one per hour until this age (ms)... */
  versionsHourlyMs: number;
  /** ...then one per day until this age (ms), and one per week after. */
  versionsDailyMs: number;
  /** An in-memory document nobody uses is evicted after this long (ms). */
  documentIdleMs: number;
  /**
   * Search reads a document's text this long after its last change (ms), so a burst of
   * keystrokes costs one write of the text; continuous typing is indexed at least every 10x this.
   */
  searchIndexDelayMs: number;
  /** Origins allowed by CORS (the web app), besides publicUrl's. */
  corsOrigins: string[];
  /**
   * Where people open Tandem (the web app's origin, e.g. https://tandem.example.com): the one
   * origin allowed to use credentials, and the base of share and invitation links. Unset: any
   * page on the API's own host, and links use the page's origin.
   */
  publicUrl: string | undefined;
  /** Signs session cookies; required in production. Unset otherwise: one kept in dataDir. */
  authSecret: string | undefined;
  /** How accounts are made after the first one (the administrator). */
  signUp: 'invite' | 'open' | 'closed';
  /** Failed sign-ins allowed per account, and per address, in each 15-minute window. */
  signInFailuresPerAccount: number;
  signInFailuresPerAddress: number;
  logLevel: LogLevel;
  production: boolean;
  operations: OperationsConfig;
}

/** Running in production (issue 11): proxies, probes, metrics. */
export interface OperationsConfig {
  /** Proxies whose X-Forwarded-For names the caller (proxy-addr's names, addresses, CIDRs). */
  trustedProxies: string[];
  /** Bearer token /metrics asks for; unset, /metrics answers loopback callers only. */
  metricsToken: string | undefined;
  /** After SIGTERM, keep serving this long with /readyz at 503 before closing (ms). */
  shutdownDelayMs: number;
  /** Open WebSockets / SSE event streams one address may hold (0: no cap). */
  websocketsPerAddress: number;
  eventStreamsPerAddress: number;
  /** graphql-armor's limits on one operation. */
  query: { depth: number; aliases: number; tokens: number; directives: number; cost: number };
  /** Per address per minute: mutations, and expensive reads (diff, export, search); 0: no limit. */
  rateLimits: { writesPerMinute: number; expensivePerMinute: number; windowSeconds: number };
  /** Encoded size all live documents may take together before idle ones are evicted (0: no bound). */
  liveDocumentsMaxBytes: number;
  /** Updates waiting for what they build on (documents/quarantine.ts): bytes per document, and age (ms). */
  quarantine: { maxBytes: number; maxAgeMs: number };
}

type Env = Record<string, string | undefined>;

class ConfigError extends Error {}

function integer(env: Env, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(`${name}=${raw} is not a whole number >= ${min}`);
  }
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name}=${raw} must be one of ${allowed.join(', ')}`);
  }
  return raw as T;
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a URL (expected e.g. ${protocols[0]}//host:port/...)`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.join(' or ')}`);
  }
  return raw;
}

function addressList(env: Env, name: string, fallback: string): string[] {
  const list = (env[name] ?? fallback)
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  try {
    proxyAddr.compile(list);
  } catch (error) {
    throw new ConfigError(`${name}: ${(error as Error).message} (expected addresses, CIDR ranges, loopback, linklocal or uniquelocal)`);
  }
  return list;
}

function secret(env: Env, name: string, minLength: number): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (raw.length < minLength) throw new ConfigError(`${name} must be at least ${minLength} characters`);
  return raw;
}

function operations(env: Env): OperationsConfig {
  return {
    trustedProxies: addressList(env, 'TRUSTED_PROXIES', 'loopback'),
    metricsToken: secret(env, 'METRICS_TOKEN', 16),
    shutdownDelayMs: integer(env, 'SHUTDOWN_DELAY_MS', 0),
    websocketsPerAddress: integer(env, 'WEBSOCKETS_PER_ADDRESS', 256),
    eventStreamsPerAddress: integer(env, 'EVENT_STREAMS_PER_ADDRESS', 256),
    query: {
      depth: integer(env, 'QUERY_MAX_DEPTH', 8, 1),
      aliases: integer(env, 'QUERY_MAX_ALIASES', 15, 1),
      tokens: integer(env, 'QUERY_MAX_TOKENS', 1000, 1),
      directives: integer(env, 'QUERY_MAX_DIRECTIVES', 10, 1),
      cost: integer(env, 'QUERY_MAX_COST', 5000, 1),
    },
    rateLimits: {
      writesPerMinute: integer(env, 'RATE_LIMIT_WRITES', 60_000),
      // The window both limits count over; "per minute" unless changed (tests shorten it).
      windowSeconds: integer(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, 1),
      expensivePerMinute: integer(env, 'RATE_LIMIT_EXPENSIVE', 600),
    },
    liveDocumentsMaxBytes: integer(env, 'LIVE_DOCUMENTS_MAX_BYTES', 64 * 1024 * 1024),
    quarantine: {
      maxBytes: integer(env, 'QUARANTINE_MAX_BYTES', 8 * 1024 * 1024, 1),
      maxAgeMs: integer(env, 'QUARANTINE_MAX_AGE_MS', 10 * 60_000, 1),
    },
  };
}

/** The repository root (from src/ and dist/ alike): `npm start` runs the API in apps/api. */
const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Relative to the repository root, where people run npm (the README's `./data`); `memory://` as it is. */
function dataDir(value: string): string {
  return value.startsWith('memory://') ? value : resolve(REPOSITORY_ROOT, value);
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** The secret that signs session cookies: required in production. */
function authSecret(env: Env, production: boolean): string | undefined {
  const value = secret(env, 'AUTH_SECRET', 32);
  if (!value && production) {
    throw new ConfigError('AUTH_SECRET must be set in production (32 or more random characters, e.g. from `openssl rand -base64 32`)');
  }
  return value;
}

/** MAX_IMAGE_BYTES: an upload travels as base64 in one request, which MAX_UPDATE_BYTES bounds. */
function imageLimit(env: Env): number {
  const maxUpdateBytes = integer(env, 'MAX_UPDATE_BYTES', 4 * 1024 * 1024, 1);
  const limit = integer(env, 'MAX_IMAGE_BYTES', Math.min(2 * 1024 * 1024, maxUpdateBytes), 1);
  if (limit > maxUpdateBytes) throw new ConfigError(`MAX_IMAGE_BYTES=${limit} is larger than MAX_UPDATE_BYTES=${maxUpdateBytes}`);
  return limit;
}

export function loadConfig(env: Env = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const publicUrl = url(env, 'PUBLIC_URL', ['http:', 'https:']);
  return {
    port: integer(env, 'PORT', 4000),
    host: env.HOST || '0.0.0.0',
    databaseUrl: url(env, 'DATABASE_URL', ['postgresql:', 'postgres:']),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    dataDir: dataDir(env.DATA_DIR || './data'),
    maxUpdateBytes: integer(env, 'MAX_UPDATE_BYTES', 4 * 1024 * 1024, 1),
    maxImageBytes: imageLimit(env),
    subscriberBacklogBytes: integer(env, 'SUBSCRIBER_BACKLOG_BYTES', 64 * 1024 * 1024, 1),
    websocketPingMs: integer(env, 'WEBSOCKET_PING_MS', 12_000, 1_000),
    snapshotEveryUpdates: integer(env, 'SNAPSHOT_EVERY_UPDATES', 500, 1),
    snapshotEveryMs: integer(env, 'SNAPSHOT_EVERY_MS', 10 * MINUTE, 1),
    snapshotIdleMs: integer(env, 'SNAPSHOT_IDLE_MS', 2 * MINUTE, 1),
    versionsKeepAllMs: integer(env, 'VERSIONS_KEEP_ALL_MS', DAY),
    versionsHourlyMs: integer(env, 'VERSIONS_HOURLY_MS', 7 * DAY),
    versionsDailyMs: integer(env, 'VERSIONS_DAILY_MS', 30 * DAY),
    documentIdleMs: integer(env, 'DOCUMENT_IDLE_MS', MINUTE, 1),
    searchIndexDelayMs: integer(env, 'SEARCH_INDEX_DELAY_MS', 1000),
    corsOrigins: (env.CORS_ORIGINS || '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    publicUrl: publicUrl ? new URL(publicUrl).origin : undefined,
    authSecret: authSecret(env, production),
    signUp: oneOf(env, 'SIGNUP', ['invite', 'open', 'closed'] as const, 'invite'),
    signInFailuresPerAccount: integer(env, 'SIGNIN_FAILURES_PER_ACCOUNT', 10, 1),
    signInFailuresPerAddress: integer(env, 'SIGNIN_FAILURES_PER_ADDRESS', 50, 1),
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error', 'silent'] as const, 'info'),
    production,
    operations: operations(env),
  };
}

export { ConfigError };
