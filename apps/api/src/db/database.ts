// Opens the store: PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite in DATA_DIR.
// Both sit behind the same generated Prisma client through a driver adapter, with one schema
// and one migration history, and both are migrated before the client is handed out.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.js';
import type { Logger } from '../logger.js';
import { migrate } from './migrate.js';
import type { SqlSession } from './sql-session.js';

export type DatabaseKind = 'postgresql' | 'pglite';

/**
 * One SQL statement with positional parameters, through the same pool (PostgreSQL) or
 * instance (PGlite) that Prisma's driver adapter uses, without Prisma's query engine in
 * between: for the hot statement where that is measurably faster (group commit's insert, see
 * documents/store.ts), and for the start-up search check (search/search-store.ts), so an idle
 * server never loads Prisma's query compiler. Prisma stays the schema, the migrations and every
 * other query.
 */
export type RawQuery = <Row>(sql: string, params: unknown[]) => Promise<Row[]>;

export interface Database {
  kind: DatabaseKind;
  prisma: PrismaClient;
  rawQuery: RawQuery;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent, PGlite is used. */
  url: string | undefined;
  /** PGlite's folder, or `memory://` for a throwaway database. */
  dataDir: string;
  log: Logger;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options.log) : openPglite(options.dataDir, options.log);
}

async function openPostgres(url: string, log: Logger): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client that loses its server emits 'error' on the pool; without a listener
  // that would crash the process. The pool replaces the client on next use.
  pool.on('error', (error) => log.warn('postgres connection lost', { error }));
  const client = await pool.connect().catch((error: Error) => {
    throw new Error(`cannot connect to PostgreSQL at DATABASE_URL (${error.message}); is it running?`);
  });
  const session: SqlSession = {
    query: async (sql, params) => (await client.query(sql, params)).rows,
    exec: async (script) => void (await client.query(script)),
    release: async () => client.release(),
  };
  try {
    await migrate(session, log);
  } finally {
    await session.release();
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions: TRANSACTION_OPTIONS });
  return {
    kind: 'postgresql',
    prisma,
    rawQuery: async <Row>(sql: string, params: unknown[]) => (await pool.query(sql, params)).rows as Row[],
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/**
 * Interactive transactions (better-auth's sign-up and sign-in, sharing, restores) get more
 * time than Prisma's 5 s: on a busy small server a sign-in's few statements were seen to take
 * 7 s and fail as "expired transaction", an error the user can do nothing about. A transaction
 * that really hangs is still rolled back, 20 s later.
 */
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 20_000 };

/**
 * PostgreSQL settings for embedded PGlite, whose buffers live in this process's WebAssembly
 * memory, which never shrinks: PostgreSQL's default 128 MB of shared buffers made the API
 * hold about 290 MB at rest on a restart (issue 8). 8 MB keeps it small; the operating
 * system's page cache still holds the files.
 */
const PGLITE_SETTINGS = ['shared_buffers=8MB'];

async function openPglite(dataDir: string, log: Logger): Promise<Database> {
  const onDisk = !dataDir.startsWith('memory://');
  if (onDisk) {
    await mkdir(dataDir, { recursive: true });
    await initdbApart(dataDir, log);
  }
  const db = await PGlite.create(dataDir, { startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS.flatMap((setting) => ['-c', setting])] });
  const session: SqlSession = {
    query: async (sql, params) => (await db.query(sql, params)).rows as never[],
    exec: async (script) => void (await db.exec(script)),
    release: async () => {},
  };
  await migrate(session, log);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(db), transactionOptions: TRANSACTION_OPTIONS });
  return {
    kind: 'pglite',
    prisma,
    rawQuery: async <Row>(sql: string, params: unknown[]) => (await db.query<Row>(sql, params)).rows,
    close: async () => {
      await prisma.$disconnect();
      await db.close();
    },
  };
}

/**
 * Creates a new PGlite data folder in a short-lived child process. PGlite runs initdb in a
 * second WebAssembly instance of its own, which took the API to about 800 MB on its first
 * start (issue 8); WebAssembly memory is never given back, so that peak would stay for the
 * life of the process. In a child it is gone when the child exits.
 */
async function initdbApart(dataDir: string, log: Logger): Promise<void> {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return;
  const started = performance.now();
  const pglite = import.meta.resolve('@electric-sql/pglite');
  const script = `const { PGlite } = await import(${JSON.stringify(pglite)}); const db = await PGlite.create(${JSON.stringify(dataDir)}); await db.close();`;
  await promisify(execFile)(process.execPath, ['--input-type=module', '--eval', script]).catch((error: Error & { stderr?: string }) => {
    throw new Error(`could not create the embedded database in ${dataDir}: ${error.stderr || error.message}`);
  });
  log.info('embedded database created', { dataDir, ms: Math.round(performance.now() - started) });
}
