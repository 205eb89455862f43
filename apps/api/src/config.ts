// Every setting the API reads, validated once at start-up so that a bad value fails loudly
// here rather than later. Each default is documented in README.md's configuration table.
import { resolve } from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface Config {
  /** Port of the one HTTP server (0 picks a free port). */
  port: number;
  host: string;
  /** PostgreSQL connection string; when absent, embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  /** Redis for fan-out between API instances; when absent, in-process only. */
  redisUrl: string | undefined;
  /** Folder of the embedded database. */
  dataDir: string;
  /** Largest accepted Yjs update, in bytes. */
  maxUpdateBytes: number;
  /** Largest image accepted (bytes); images are uploaded as one GraphQL request, so at most maxUpdateBytes. */
  maxImageBytes: number;
  /** Bytes of events a subscriber may fall behind by before its subscription is ended. */
  subscriberBacklogBytes: number;
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
  /** Read the client's address from X-Forwarded-For (behind a reverse proxy such as nginx). */
  trustProxy: boolean;
  logLevel: LogLevel;
  production: boolean;
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

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name}=${env[name]} must be true or false`);
}

function secret(env: Env, name: string, production: boolean): string | undefined {
  const raw = env[name];
  if (!raw) {
    if (production) {
      throw new ConfigError(`${name} must be set in production (32 or more random characters, e.g. from \`openssl rand -base64 32\`)`);
    }
    return undefined;
  }
  if (raw.length < 32) throw new ConfigError(`${name} must be at least 32 characters long`);
  return raw;
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
    dataDir: resolve(env.DATA_DIR || './data'),
    maxUpdateBytes: integer(env, 'MAX_UPDATE_BYTES', 4 * 1024 * 1024, 1),
    maxImageBytes: imageLimit(env),
    subscriberBacklogBytes: integer(env, 'SUBSCRIBER_BACKLOG_BYTES', 64 * 1024 * 1024, 1),
    snapshotEveryUpdates: integer(env, 'SNAPSHOT_EVERY_UPDATES', 500, 1),
    snapshotEveryMs: integer(env, 'SNAPSHOT_EVERY_MS', 10 * MINUTE, 1),
    snapshotIdleMs: integer(env, 'SNAPSHOT_IDLE_MS', 2 * MINUTE, 1),
    versionsKeepAllMs: integer(env, 'VERSIONS_KEEP_ALL_MS', DAY),
    versionsHourlyMs: integer(env, 'VERSIONS_HOURLY_MS', 7 * DAY),
    versionsDailyMs: integer(env, 'VERSIONS_DAILY_MS', 30 * DAY),
    documentIdleMs: integer(env, 'DOCUMENT_IDLE_MS', MINUTE, 1),
    corsOrigins: (env.CORS_ORIGINS || '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    publicUrl: publicUrl ? new URL(publicUrl).origin : undefined,
    authSecret: secret(env, 'AUTH_SECRET', production),
    signUp: oneOf(env, 'SIGNUP', ['invite', 'open', 'closed'] as const, 'invite'),
    signInFailuresPerAccount: integer(env, 'SIGNIN_FAILURES_PER_ACCOUNT', 10, 1),
    signInFailuresPerAddress: integer(env, 'SIGNIN_FAILURES_PER_ADDRESS', 50, 1),
    trustProxy: boolean(env, 'TRUST_PROXY', false),
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error', 'silent'] as const, 'info'),
    production,
  };
}

export { ConfigError };
