// /metrics: what it reports while real clients work (connections by transport, subscriptions,
// live documents, pushes by outcome, group commits, fan-out lag, Redis), and who may read it.
import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DATABASE_URL, REDIS_URL, startApi, type TestApi } from '../support/api.js';
import { createDocument, DOCUMENT_EVENTS, docWithParagraphs, gql, must, PUSH_UPDATE, sseClient, subscription, toBase64, wsClient } from '../support/clients.js';
import { apiPath, has, scrape, valueOf } from '../support/metrics.js';

const TOKEN = 'a-metrics-token-for-tests';
const DEPLOY = ['grafana-dashboard.json', 'alerts.yml'].map((name) => new URL(`../../docs/deploy/${name}`, import.meta.url));

/** Every metric the Grafana dashboard and the alerting rules query. */
function deployedMetrics(): string[] {
  const text = DEPLOY.map((file) => readFileSync(file, 'utf8')).join('\n');
  return [...new Set([...text.matchAll(/\b((?:tandem|nodejs|process)_[a-z0-9_]+)/g)].map((match) => match[1]!))];
}

describe('/metrics while clients work', () => {
  let api: TestApi;
  const cleanup: (() => unknown)[] = [];

  beforeAll(async () => {
    api = await startApi();
  });
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });
  afterAll(() => api?.close());

  it('counts connections by transport, subscriptions, live documents, pushes by outcome and group commits', async () => {
    const before = await scrape(api.url);
    for (const name of ['tandem_connections', 'tandem_subscriptions', 'tandem_live_documents', 'tandem_live_document_bytes', 'tandem_commit_duration_seconds', 'tandem_commit_batch_size', 'tandem_rate_limited_total', 'nodejs_eventloop_lag_seconds']) {
      expect(has(before, name), name).toBe(true);
    }
    // Fan-out between instances is not configured: there is no Redis gauge to mislead anyone.
    expect(has(before, 'tandem_redis_connected')).toBe(false);

    const id = await createDocument(api.url);
    const ws = wsClient(api.wsUrl);
    const sse = sseClient(api.streamUrl);
    cleanup.push(() => ws.dispose(), () => sse.dispose());
    const overWs = subscription(ws, DOCUMENT_EVENTS, { id });
    const overSse = subscription(sse, DOCUMENT_EVENTS, { id });
    cleanup.push(overWs.dispose, overSse.dispose);
    await overWs.next();
    await overSse.next();

    const update = Y.encodeStateAsUpdate(docWithParagraphs('measured'));
    await must(api.url, PUSH_UPDATE, { id, update: toBase64(update) });
    const refused = await gql(api.url, PUSH_UPDATE, { id, update: 'AAE*' });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await gql(api.url, PUSH_UPDATE, { id: 'no-such-document', update: toBase64(update) });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const after = await scrape(api.url);
    expect(valueOf(after, 'tandem_connections', { transport: 'websocket' })).toBe(1);
    expect(valueOf(after, 'tandem_connections', { transport: 'sse' })).toBe(1);
    expect(valueOf(after, 'tandem_subscriptions')).toBe(2);
    expect(valueOf(after, 'tandem_live_documents')).toBe(1);
    expect(valueOf(after, 'tandem_live_document_bytes')).toBeGreaterThanOrEqual(update.byteLength);
    const pushes = (code: string) => valueOf(after, 'tandem_graphql_operations_total', { operation: 'mutation', field: 'pushUpdate', code });
    expect([pushes('OK'), pushes('BAD_USER_INPUT'), pushes('NOT_FOUND')]).toEqual([1, 1, 1]);
    expect(valueOf(after, 'tandem_graphql_operations_total', { operation: 'mutation', field: 'createDocument', code: 'OK' })).toBe(1);
    // One stored update: one group commit of one write (the refused ones never reach the log).
    expect(valueOf(after, 'tandem_commit_batch_size_count') - valueOf(before, 'tandem_commit_batch_size_count')).toBe(1);
    expect(valueOf(after, 'tandem_commit_batch_size_sum') - valueOf(before, 'tandem_commit_batch_size_sum')).toBe(1);
    expect(valueOf(after, 'tandem_commit_duration_seconds_count') - valueOf(before, 'tandem_commit_duration_seconds_count')).toBe(1);

    // Closing the clients closes their connections and subscriptions.
    await ws.dispose();
    sse.dispose();
    await vi.waitFor(async () => {
      const closed = await scrape(api.url);
      expect(valueOf(closed, 'tandem_connections', { transport: 'websocket' })).toBe(0);
      expect(valueOf(closed, 'tandem_connections', { transport: 'sse' })).toBe(0);
      expect(valueOf(closed, 'tandem_subscriptions')).toBe(0);
    }, { timeout: 10_000, interval: 50 });
  });

  it('has every metric the Grafana dashboard and the alerts in docs/deploy query', async () => {
    // Labelled counters have samples once something was counted.
    await createDocument(api.url);
    const samples = await scrape(api.url);
    const names = deployedMetrics();
    expect(names.length).toBeGreaterThan(10);
    // The Redis gauge exists only with Redis configured (checked with Redis below).
    for (const name of names.filter((name) => name !== 'tandem_redis_connected')) {
      expect(samples.some((sample) => sample.name === name), name).toBe(true);
    }
  });

  it('counts pushes over WebSocket too', async () => {
    const id = await createDocument(api.url);
    const before = valueOf(await scrape(api.url), 'tandem_graphql_operations_total', { operation: 'mutation', field: 'pushUpdate', code: 'OK' });
    const ws = wsClient(api.wsUrl);
    cleanup.push(() => ws.dispose());
    const push = subscription(ws, PUSH_UPDATE, { id, update: toBase64(Y.encodeStateAsUpdate(docWithParagraphs('over a socket'))) });
    expect((await push.next()).errors).toBeUndefined();
    const after = valueOf(await scrape(api.url), 'tandem_graphql_operations_total', { operation: 'mutation', field: 'pushUpdate', code: 'OK' });
    expect(after - before).toBe(1);
  });
});

describe('who may read /metrics', () => {
  const apis: TestApi[] = [];
  afterAll(async () => {
    for (const api of apis) await api.close();
  });
  async function start(env: Record<string, string>) {
    const api = await startApi({ env });
    apis.push(api);
    return api;
  }

  it('without METRICS_TOKEN: loopback callers only, the address behind a trusted proxy included', async () => {
    const api = await start({});
    expect((await fetch(apiPath(api.url, '/metrics'))).status).toBe(200);
    // A proxy on loopback (trusted by default) says the caller is elsewhere: refused.
    const forwarded = await fetch(apiPath(api.url, '/metrics'), { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(forwarded.status).toBe(403);
    expect(await forwarded.text()).toContain('METRICS_TOKEN');
    // A forwarded loopback address from a loopback proxy is loopback.
    expect((await fetch(apiPath(api.url, '/metrics'), { headers: { 'x-forwarded-for': '127.0.0.1' } })).status).toBe(200);
  });

  it('ignores X-Forwarded-For from proxies that are not trusted', async () => {
    const api = await start({ TRUSTED_PROXIES: '' });
    expect((await fetch(apiPath(api.url, '/metrics'), { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(200);
  });

  it('with METRICS_TOKEN: only that bearer token, from anywhere', async () => {
    const api = await start({ METRICS_TOKEN: TOKEN });
    const none = await fetch(apiPath(api.url, '/metrics'));
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect((await fetch(apiPath(api.url, '/metrics'), { headers: { authorization: 'Bearer wrong-token-of-some-length' } })).status).toBe(401);
    expect((await fetch(apiPath(api.url, '/metrics'), { headers: { authorization: `Basic ${TOKEN}` } })).status).toBe(401);
    const allowed = await fetch(apiPath(api.url, '/metrics'), { headers: { authorization: `Bearer ${TOKEN}`, 'x-forwarded-for': '203.0.113.9' } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('content-type')).toContain('text/plain');
    expect(await allowed.text()).toContain('tandem_live_documents');
  });

  it('refuses a METRICS_TOKEN too short to be a secret, at start-up', async () => {
    await expect(start({ METRICS_TOKEN: 'short' })).rejects.toThrow(/METRICS_TOKEN must be at least 16 characters/);
  });
});

describe.skipIf(!DATABASE_URL || !REDIS_URL)('/metrics with Redis fan-out', () => {
  let one: TestApi;
  let two: TestApi;
  beforeAll(async () => {
    one = await startApi({ backend: 'postgresql', redis: true });
    two = await startApi({ backend: 'postgresql', redis: true });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
  });

  it('reports the Redis link and how long updates take to arrive from another instance', async () => {
    const id = await createDocument(one.url);
    const ws = wsClient(two.wsUrl);
    const events = subscription(ws, DOCUMENT_EVENTS, { id });
    await events.next();
    const lagBefore = valueOf(await scrape(two.url), 'tandem_fanout_lag_seconds_count');
    await must(one.url, PUSH_UPDATE, { id, update: toBase64(Y.encodeStateAsUpdate(docWithParagraphs('across'))) });
    await events.next();
    const after = await scrape(two.url);
    expect(valueOf(after, 'tandem_redis_connected')).toBe(1);
    expect(valueOf(after, 'tandem_fanout_lag_seconds_count') - lagBefore).toBeGreaterThanOrEqual(1);
    await ws.dispose();
  });
});
