// Starts real Tandem APIs for tests: in this process on a free port (most tests), or as a
// child process that a test can kill -9 (durability). Storage is PGlite in a fresh folder, or
// the PostgreSQL of DATABASE_URL; fan-out is in-process, or the Redis of REDIS_URL.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { loadConfig, startServer, type TandemServer } from '@tandem/api';
import { actAs, signInAdmin } from './callers.js';

export type Backend = 'pglite' | 'postgresql';

export const DATABASE_URL = process.env.DATABASE_URL || undefined;
export const REDIS_URL = process.env.REDIS_URL || undefined;

/** Every storage backend this run can test: PGlite always, PostgreSQL when DATABASE_URL is set. */
export const backends: Backend[] = DATABASE_URL ? ['pglite', 'postgresql'] : ['pglite'];

if (!DATABASE_URL) console.warn('[tandem tests] DATABASE_URL is not set: PostgreSQL tests are skipped');
if (!REDIS_URL) console.warn('[tandem tests] REDIS_URL is not set: Redis fan-out tests are skipped');

/**
 * Settings that lift every per-address limit, for the benchmark: it drives the API from one
 * address as hard as it can, which is what the limits exist to stop.
 */
export const WITHOUT_LIMITS: Record<string, string> = {
  RATE_LIMIT_WRITES: '0',
  RATE_LIMIT_EXPENSIVE: '0',
  WEBSOCKETS_PER_ADDRESS: '0',
  EVENT_STREAMS_PER_ADDRESS: '0',
};

export interface TestApi extends TandemServer {
  wsUrl: string;
  streamUrl: string;
  /** The administrator's session token: the default caller of this API's clients. */
  adminToken: string;
}

export interface ApiOptions {
  backend?: Backend;
  redis?: boolean;
  /** Share a PGlite folder between starts (restart tests). */
  dataDir?: string;
  env?: Record<string, string>;
  now?: () => number;
  /** Sign in its administrator (created first if needed) as the clients' default caller. Default true. */
  admin?: boolean;
  /** spawnApi: run the built API (apps/api/dist, as `npm run start:api` does) rather than the source through tsx. */
  built?: boolean;
  /** spawnApi: Node flags for the API process (e.g. --inspect for the bench's memory figures). */
  nodeArgs?: string[];
}

export function tempDir(prefix = 'tandem-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

function environment(options: ApiOptions, dataDir: string): Record<string, string | undefined> {
  const backend = options.backend ?? 'pglite';
  if (backend === 'postgresql' && !DATABASE_URL) throw new Error('PostgreSQL backend needs DATABASE_URL');
  if (options.redis && !REDIS_URL) throw new Error('Redis fan-out needs REDIS_URL');
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TANDEM_TEST_LOG_LEVEL ?? 'error',
    DATA_DIR: dataDir,
    DATABASE_URL: backend === 'postgresql' ? DATABASE_URL : undefined,
    REDIS_URL: options.redis ? REDIS_URL : undefined,
    ...options.env,
  };
}

async function withUrls(server: TandemServer, admin = true): Promise<TestApi> {
  const adminToken = admin ? await signInAdmin(server.url) : '';
  if (admin) actAs(server.url, adminToken);
  return { ...server, wsUrl: server.url.replace(/^http/, 'ws'), streamUrl: `${server.url}/stream`, adminToken };
}

/** An API in this process. Call `close()` when done (it also removes its PGlite folder). */
export async function startApi(options: ApiOptions = {}): Promise<TestApi> {
  const ownDir = options.dataDir ? null : tempDir();
  const dataDir = options.dataDir ?? ownDir!;
  const server = await startServer(loadConfig(environment(options, dataDir)), options.now ? { now: options.now } : {});
  const api = await withUrls(server, options.admin);
  return {
    ...api,
    close: async () => {
      await server.close();
      if (ownDir) rmSync(ownDir, { recursive: true, force: true });
    },
  };
}

export interface ChildApi {
  url: string;
  wsUrl: string;
  adminToken: string;
  process: ChildProcess;
  /** SIGKILL: no shutdown, no flushing. */
  crash(): Promise<void>;
  /** SIGTERM: graceful shutdown; resolves with the exit code. */
  stop(): Promise<number | null>;
}

const MAIN = fileURLToPath(new URL('../../apps/api/src/main.ts', import.meta.url));
const BUILT_MAIN = fileURLToPath(new URL('../../apps/api/dist/main.js', import.meta.url));

/** An API in its own process (run from source with tsx), for crash tests. */
export async function spawnApi(options: ApiOptions & { dataDir: string }): Promise<ChildApi> {
  // TANDEM_API_NODE_ARGS passes Node flags to the API process, e.g. `--cpu-prof` to profile it
  // under the benchmark's load (Node refuses profiling flags in NODE_OPTIONS).
  const nodeArgs = [...(process.env.TANDEM_API_NODE_ARGS?.split(' ').filter(Boolean) ?? []), ...(options.nodeArgs ?? [])];
  const child = spawn(process.execPath, [...nodeArgs, ...(options.built ? [BUILT_MAIN] : ['--import', 'tsx', MAIN])], {
    env: { ...process.env, ...environment(options, options.dataDir), TANDEM_PRINT_URL: '1' } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`API exited with code ${code} before listening`)));
  });
  const adminToken = options.admin === false ? '' : await signInAdmin(url);
  if (adminToken) actAs(url, adminToken);
  return {
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    adminToken,
    process: child,
    crash: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
