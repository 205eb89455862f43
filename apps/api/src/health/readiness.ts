// Whether this instance should get traffic: the database answers and holds every migration
// this build knows (a newer instance may have added more; that is fine), Redis is connected when
// it is configured, and the instance is not shutting down. Each check is bounded in time, so a
// database that hangs makes the probe fail rather than hang with it.
import type { PrismaClient } from '../generated/prisma/client.js';

const CHECK_TIMEOUT_MS = 2_000;

export type CheckResult = 'ok' | string;

export interface Readiness {
  ready: boolean;
  checks: Record<string, CheckResult>;
}

export interface ReadinessSources {
  prisma: PrismaClient;
  /** Names of the migrations in prisma/migrations. */
  migrations: string[];
  /** Null when no Redis is configured. */
  redisConnected(): boolean | null;
  shuttingDown(): boolean;
}

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function databaseCheck(sources: ReadinessSources): Promise<CheckResult> {
  try {
    const rows = await withTimeout(
      sources.prisma.$queryRawUnsafe<{ migration_name: string }[]>(
        'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
      ),
      'the database',
    );
    const applied = new Set(rows.map((row) => row.migration_name));
    const missing = sources.migrations.filter((name) => !applied.has(name));
    return missing.length === 0 ? 'ok' : `migrations not applied: ${missing.join(', ')}`;
  } catch (error) {
    return `database unreachable: ${(error as Error).message}`;
  }
}

export async function checkReadiness(sources: ReadinessSources): Promise<Readiness> {
  const checks: Record<string, CheckResult> = {};
  checks.shutdown = sources.shuttingDown() ? 'shutting down' : 'ok';
  checks.database = await databaseCheck(sources);
  const redis = sources.redisConnected();
  if (redis !== null) checks.redis = redis ? 'ok' : 'Redis is not connected';
  return { ready: Object.values(checks).every((result) => result === 'ok'), checks };
}
