// Opens the store: PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite in DATA_DIR.
// Both sit behind the same generated Prisma client through a driver adapter, with one schema
// and one migration history, and both are migrated before the client is handed out.
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.js';
import type { Logger } from '../logger.js';
import { migrate } from './migrate.js';
import type { SqlSession } from './sql-session.js';

export type DatabaseKind = 'postgresql' | 'pglite';

export interface Database {
  kind: DatabaseKind;
  prisma: PrismaClient;
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
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: 'postgresql',
    prisma,
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function openPglite(dataDir: string, log: Logger): Promise<Database> {
  if (!dataDir.startsWith('memory://')) await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const session: SqlSession = {
    query: async (sql, params) => (await db.query(sql, params)).rows as never[],
    exec: async (script) => void (await db.exec(script)),
    release: async () => {},
  };
  await migrate(session, log);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
  return {
    kind: 'pglite',
    prisma,
    close: async () => {
      await prisma.$disconnect();
      await db.close();
    },
  };
}
