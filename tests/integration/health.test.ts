// /healthz and /readyz: the process answers; this instance should get traffic only while its
// database answers with every migration applied, Redis is connected when configured, and it is
// not shutting down. The outages are real: connections cut by a TCP hop (support/tcp-proxy.ts).
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { backends, DATABASE_URL, REDIS_URL, startApi, type TestApi } from '../support/api.js';
import { apiPath } from '../support/metrics.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

interface ReadyBody {
  status: string;
  checks: Record<string, string>;
}

async function probe(api: TestApi, path: '/healthz' | '/readyz'): Promise<{ status: number; body: ReadyBody }> {
  const response = await fetch(apiPath(api.url, path));
  return { status: response.status, body: (await response.json()) as ReadyBody };
}

const waitFor = <T>(check: () => Promise<T>) => vi.waitFor(check, { timeout: 20_000, interval: 100 });

describe.each(backends)('health probes (%s)', (backend) => {
  let api: TestApi;
  afterAll(() => api?.close());

  it('answer 200 when the database holds every migration', async () => {
    api = await startApi({ backend });
    expect(await probe(api, '/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await probe(api, '/readyz')).toEqual({ status: 200, body: { status: 'ready', checks: { shutdown: 'ok', database: 'ok' } } });
    // Probes are for GET; nothing else is answered as if it were one.
    expect((await fetch(apiPath(api.url, '/readyz'), { method: 'POST' })).status).toBe(405);
  });
});

describe('/readyz says why it is not ready', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('503 when a migration of this build is missing from the database', async () => {
    const api = await startApi();
    cleanup.push(() => api.close());
    const [last] = await api.database.prisma.$queryRawUnsafe<{ migration_name: string }[]>(
      'SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1',
    );
    await api.database.prisma.$executeRawUnsafe('DELETE FROM "_prisma_migrations" WHERE migration_name = $1', last!.migration_name);
    const { status, body } = await probe(api, '/readyz');
    expect(status).toBe(503);
    expect(body.checks.database).toBe(`migrations not applied: ${last!.migration_name}`);
    // Still alive: liveness is about the process, not its dependencies.
    expect((await probe(api, '/healthz')).status).toBe(200);
  });

  it('503 from the moment shutdown begins (SHUTDOWN_DELAY_MS keeps serving meanwhile)', async () => {
    const api = await startApi({ env: { SHUTDOWN_DELAY_MS: '3000' } });
    expect((await probe(api, '/readyz')).status).toBe(200);
    const closed = api.close();
    const { status, body } = await probe(api, '/readyz');
    expect(status).toBe(503);
    expect(body.checks.shutdown).toBe('shutting down');
    await closed;
  });

  it.skipIf(!DATABASE_URL)('503 while PostgreSQL is unreachable, 200 again once it is back', async () => {
    const hop: TcpProxy = await startTcpProxy(DATABASE_URL!);
    cleanup.push(() => hop.close());
    const api = await startApi({ backend: 'postgresql', env: { DATABASE_URL: hop.url } });
    cleanup.push(() => api.close());
    expect((await probe(api, '/readyz')).status).toBe(200);

    hop.cut();
    const down = await waitFor(async () => {
      const result = await probe(api, '/readyz');
      expect(result.status).toBe(503);
      return result;
    });
    expect(down.body.checks.database).toMatch(/^database unreachable: /);

    hop.restore();
    await waitFor(async () => expect((await probe(api, '/readyz')).status).toBe(200));
  });

  it.skipIf(!REDIS_URL)('503 while Redis is unreachable, 200 again once it is back', async () => {
    const hop = await startTcpProxy(REDIS_URL!);
    cleanup.push(() => hop.close());
    const api = await startApi({ redis: true, env: { REDIS_URL: hop.url } });
    cleanup.push(() => api.close());
    expect((await probe(api, '/readyz')).body.checks).toEqual({ shutdown: 'ok', database: 'ok', redis: 'ok' });

    hop.cut();
    await waitFor(async () => {
      const { status, body } = await probe(api, '/readyz');
      expect(status).toBe(503);
      expect(body.checks.redis).toBe('Redis is not connected');
    });
    hop.restore();
    await waitFor(async () => expect((await probe(api, '/readyz')).status).toBe(200));
  });
});
