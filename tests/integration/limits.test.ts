// Limits: graphql-armor's query limits on every transport, field suggestions hidden in
// production, rate limits per address for writes and expensive reads (RATE_LIMITED with
// retryAfter, nothing changed), shared between instances through Redis, and caps on the
// WebSockets and event streams one address may hold.
import { randomInt } from 'node:crypto';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_URL, REDIS_URL, startApi, type TestApi } from '../support/api.js';
import { authorization, createDocument, docWithParagraphs, gql, must, PUSH_UPDATE, subscription, toBase64, wsClient, type GraphQLResponse } from '../support/clients.js';
import { scrape, valueOf } from '../support/metrics.js';

type Transport = 'http' | 'graphql-ws' | 'graphql-sse';
const TRANSPORTS: Transport[] = ['http', 'graphql-ws', 'graphql-sse'];

/**
 * graphql-sse's client, reading every answer that is not an event stream at once: a refused
 * operation's answer then stays readable after the client has aborted its request.
 */
function sseClientKeepingAnswers(url: string) {
  return createSseClient({
    url,
    singleConnection: true,
    retryAttempts: 0,
    headers: () => authorization(url),
    fetchFn: async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await fetch(input, init);
      if ((response.headers.get('content-type') ?? '').includes('text/event-stream')) return response;
      return new Response(await response.text(), { status: response.status, statusText: response.statusText, headers: response.headers });
    },
  });
}

/** One operation over one transport, as its real client sends it; resolves with its first result. */
async function run(api: TestApi, transport: Transport, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse> {
  if (transport === 'http') return gql(api.url, query, variables);
  const client = transport === 'graphql-ws' ? wsClient(api.wsUrl) : sseClientKeepingAnswers(api.streamUrl);
  try {
    return await new Promise<GraphQLResponse>((resolve, reject) => {
      (client as ReturnType<typeof wsClient>).subscribe(
        { query, variables },
        {
          next: (value) => resolve(value as GraphQLResponse),
          // graphql-ws: errors before execution are the operation's error, a list of GraphQL
          // errors. graphql-sse: they are the HTTP answer (400) to the operation's request.
          error: (error: unknown) => {
            if (Array.isArray(error)) return resolve({ errors: error });
            const response = (error as { response?: Response }).response;
            if (response) return void response.json().then((body) => resolve(body as GraphQLResponse), reject);
            reject(error);
          },
          complete: () => reject(new Error('completed without a result')),
        },
      );
    });
  } finally {
    await client.dispose();
  }
}

/**
 * A caller address of a test's own (in the IPv6 documentation range), sent as X-Forwarded-For
 * from loopback, which the API trusts by default: tests, and runs sharing one Redis, do not
 * share allowances.
 */
const someAddress = () => `2001:db8::${randomInt(1, 0xffff).toString(16)}:${randomInt(1, 0xffff).toString(16)}`;
const from = (address: string) => ({ 'x-forwarded-for': address });

/** A graphql-ws client whose upgrade request carries `headers`. */
function wsClientWith(url: string, headers: Record<string, string>) {
  class WebSocketWithHeaders extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  return createWsClient({ url, webSocketImpl: WebSocketWithHeaders, retryAttempts: 0, lazy: true });
}

async function post(api: TestApi, query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
  const response = await fetch(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, retryAfterHeader: response.headers.get('retry-after'), body: (await response.json()) as GraphQLResponse & { errors?: { extensions?: { retryAfter?: number } }[] } };
}

const COUNT = '{ documents(first: 100) { nodes { id } } }';
const CREATE = 'mutation { createDocument(title: "limited") { id } }';

describe('query limits (graphql-armor) on every transport', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ env: { QUERY_MAX_DEPTH: '4', QUERY_MAX_ALIASES: '3', QUERY_MAX_TOKENS: '120', QUERY_MAX_COST: '30', QUERY_MAX_DIRECTIVES: '2' } });
  });
  afterAll(() => api?.close());

  const tooMuch: { name: string; query: string; message: RegExp }[] = [
    { name: 'too deep', query: '{ documents { nodes { snapshots { nodes { version } } } } }', message: /depth/i },
    { name: 'too many aliases', query: '{ a: documents { pageInfo { hasNextPage } } b: documents { pageInfo { hasNextPage } } c: documents { pageInfo { hasNextPage } } d: documents { pageInfo { hasNextPage } } }', message: /alias/i },
    { name: 'too many tokens', query: `{ ${'__typename '.repeat(200)} }`, message: /token/i },
    { name: 'too many directives', query: '{ __typename @skip(if: false) @skip(if: false) @skip(if: false) }', message: /directive/i },
    // Cost 47.5 by armor's reckoning (objects 2, scalars 1, times 1.5 per level); the query within limits costs 7.25.
    { name: 'too costly', query: '{ a: documents { nodes { id title createdAt updatedAt latestVersion } pageInfo { hasNextPage endCursor } } b: documents { nodes { id title createdAt updatedAt latestVersion } pageInfo { hasNextPage endCursor } } }', message: /cost/i },
  ];

  for (const transport of TRANSPORTS) {
    it.each(tooMuch)(`${transport}: $name → BAD_USER_INPUT`, async ({ query, message }) => {
      const result = await run(api, transport, query.replace(/^\{/, transport === 'http' ? '{' : 'query {'));
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(result)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toMatch(message);
      expect(result.data ?? null).toBeNull();
    });

    it(`${transport}: a query within every limit is answered`, async () => {
      const result = await run(api, transport, 'query { documents(first: 1) { pageInfo { hasNextPage } } }');
      expect(result.errors).toBeUndefined();
      expect(result.data?.documents.pageInfo.hasNextPage).toEqual(expect.any(Boolean));
    });
  }
});

describe('field suggestions', () => {
  const apis: TestApi[] = [];
  afterAll(async () => {
    for (const api of apis) await api.close();
  });

  it('are hidden in production and given in development', async () => {
    const production = await startApi({ env: { NODE_ENV: 'production', AUTH_SECRET: 'a production secret of at least 32 characters' } });
    const development = await startApi();
    apis.push(production, development);
    const typo = '{ documnts { nodes { id } } }';
    const hidden = await gql(production.url, typo);
    expect(hidden.errors?.[0]?.message).toContain('Cannot query field "documnts"');
    expect(hidden.errors?.[0]?.message).not.toContain('documents');
    expect((await gql(development.url, typo)).errors?.[0]?.message).toMatch(/Did you mean .*"documents"/);
  });
});

/** A new account of its own (sign-up is open on these servers), signed up from `address`. */
async function openAccount(api: TestApi, address: string): Promise<string> {
  const email = `limited.${randomInt(1, 2 ** 40)}@tandem.test`;
  const signedUp = await post(
    api,
    'mutation($email: String!) { signUp(email: $email, password: "long enough", name: "Limited") { token } }',
    { email },
    from(address),
  );
  const token = signedUp.body.data?.signUp?.token as string | undefined;
  if (!token) throw new Error(`signUp failed: ${JSON.stringify(signedUp.body)}`);
  return token;
}

const as = (token: string) => ({ authorization: `Bearer ${token}` });

describe('rate limits: an account’s own allowance, others’ per address', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ env: { RATE_LIMIT_WRITES: '3', RATE_LIMIT_EXPENSIVE: '2', SIGNUP: 'open' } });
  });
  afterAll(() => api?.close());

  it('refuses an account’s writes past the limit with RATE_LIMITED and retryAfter, and changes nothing', async () => {
    const office = someAddress();
    const ada = await openAccount(api, office);
    for (let i = 0; i < 3; i++) expect((await post(api, CREATE, {}, { ...from(office), ...as(ada) })).body.errors).toBeUndefined();
    const before = (await post(api, COUNT, {}, as(ada))).body.data!.documents.nodes.length;

    const refused = await post(api, CREATE, {}, { ...from(office), ...as(ada) });
    expect(refused.status).toBe(429);
    const error = refused.body.errors?.[0];
    expect(error?.extensions?.code).toBe('RATE_LIMITED');
    expect(error?.extensions?.retryAfter).toBeGreaterThanOrEqual(1);
    expect(error?.extensions?.retryAfter).toBeLessThanOrEqual(60);
    expect(refused.retryAfterHeader).toBe(String(error?.extensions?.retryAfter));
    // From another address it is still the same account's allowance.
    expect((await post(api, CREATE, {}, { ...from(someAddress()), ...as(ada) })).body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect((await post(api, COUNT, {}, as(ada))).body.data!.documents.nodes.length).toBe(before);

    // Reads are not writes; a colleague behind the same office address has an allowance of her own.
    expect((await post(api, COUNT, {}, { ...from(office), ...as(ada) })).body.errors).toBeUndefined();
    const grace = await openAccount(api, someAddress());
    expect((await post(api, CREATE, {}, { ...from(office), ...as(grace) })).body.errors).toBeUndefined();
    // The refusal is in the metrics, as a refused mutation and as a rate-limited request.
    const samples = await scrape(api.url);
    expect(valueOf(samples, 'tandem_rate_limited_total', { limit: 'writes' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(samples, 'tandem_graphql_operations_total', { operation: 'mutation', field: 'createDocument', code: 'RATE_LIMITED' })).toBeGreaterThanOrEqual(1);
  });

  it('counts pushes over WebSocket against the same allowance as HTTP', async () => {
    const address = someAddress();
    const token = await openAccount(api, address);
    const created = await post(api, 'mutation { createDocument { id } }', {}, { ...from(address), ...as(token) });
    const id = created.body.data!.createDocument.id as string;
    const client = wsClient(api.wsUrl, token);
    const push = (text: string) =>
      subscription(client, PUSH_UPDATE, { id, update: toBase64(Y.encodeStateAsUpdate(docWithParagraphs(text))) }).next();
    expect((await push('one')).errors).toBeUndefined();
    expect((await push('two')).errors).toBeUndefined();
    // createDocument over HTTP was the first of this account's three.
    const third = await push('three');
    expect(third.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(third.errors?.[0]?.extensions).toHaveProperty('retryAfter');
    await client.dispose();
    const text = await must<{ document: { text: string } }>(api.url, 'query($id: ID!) { document(id: $id) { text } }', { id });
    expect(text.document.text.split('\n').sort()).toEqual(['one', 'two']);
  });

  it('limits expensive reads: each diff in an operation counts', async () => {
    const address = someAddress();
    const token = await openAccount(api, address);
    const seed = await post(api, 'mutation { createDocument { id } }', {}, { ...from(address), ...as(token) });
    const id = seed.body.data!.createDocument.id as string;
    await post(api, 'mutation($id: ID!) { createSnapshot(documentId: $id) { version } }', { id }, { ...from(address), ...as(token) });
    const diff = 'query($id: ID!) { document(id: $id) { a: diff(from: 1) { insertedCharacters } b: diff(from: 1) { insertedCharacters } } }';
    expect((await post(api, diff, { id }, as(token))).body.errors).toBeUndefined();
    const refused = await post(api, diff, { id }, as(token));
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(refused.body.data ?? null).toBeNull();
    // Plain reads of the same document go on.
    expect((await post(api, 'query($id: ID!) { document(id: $id) { title } }', { id }, as(token))).body.errors).toBeUndefined();
  });

  it('limits expensive reads: each search counts', async () => {
    const token = await openAccount(api, someAddress());
    const search = 'query { a: search(query: "anything") { nodes { snippet } } }';
    expect((await post(api, search, {}, as(token))).body.errors).toBeUndefined();
    expect((await post(api, search, {}, as(token))).body.errors).toBeUndefined();
    const refused = await post(api, search, {}, as(token));
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(refused.body.data ?? null).toBeNull();
  });

  it('a guest counts per address and per share link', async () => {
    const id = await createDocument(api.url);
    const link = (await must(api.url, 'mutation($id: ID!) { createShareLink(documentId: $id, role: EDITOR) { token } }', { id })).createShareLink.token as string;
    const address = someAddress();
    const push = (where: string, text: string) =>
      post(api, PUSH_UPDATE, { id, update: toBase64(Y.encodeStateAsUpdate(docWithParagraphs(text))) }, { ...from(where), ...as(link) });
    for (const text of ['a', 'b', 'c']) expect((await push(address, text)).body.errors).toBeUndefined();
    expect((await push(address, 'd')).body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    // The same link from elsewhere has nothing left either.
    expect((await push(someAddress(), 'e')).body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });
});

describe.skipIf(!DATABASE_URL || !REDIS_URL)('rate limits with Redis', () => {
  let one: TestApi;
  let two: TestApi;
  beforeAll(async () => {
    one = await startApi({ backend: 'postgresql', redis: true, env: { RATE_LIMIT_WRITES: '4', SIGNUP: 'open' } });
    two = await startApi({ backend: 'postgresql', redis: true, env: { RATE_LIMIT_WRITES: '4', SIGNUP: 'open' } });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
  });

  it('are one allowance across instances', async () => {
    const address = someAddress();
    const token = await openAccount(one, address);
    for (const api of [one, two, one, two]) expect((await post(api, CREATE, {}, as(token))).body.errors).toBeUndefined();
    expect((await post(one, CREATE, {}, as(token))).body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect((await post(two, CREATE, {}, as(token))).body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });
});

describe('connection caps per address', () => {
  let api: TestApi;
  const cleanup: (() => unknown)[] = [];
  beforeAll(async () => {
    api = await startApi({ env: { WEBSOCKETS_PER_ADDRESS: '2', EVENT_STREAMS_PER_ADDRESS: '1' } });
  });
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });
  afterAll(() => api?.close());

  /** A raw WebSocket handshake: resolves with the socket once open, or the HTTP status it was refused with. */
  function openSocket(): Promise<WebSocket | number> {
    return new Promise((resolve) => {
      const socket = new WebSocket(api.wsUrl, 'graphql-transport-ws');
      socket.once('open', () => {
        cleanup.push(() => socket.terminate());
        resolve(socket);
      });
      socket.once('unexpected-response', (_req, response) => resolve(response.statusCode ?? 0));
      socket.once('error', () => {});
    });
  }

  it('refuses a WebSocket past the cap with 429, and accepts one again once another closes', async () => {
    const first = await openSocket();
    const second = await openSocket();
    expect(first).toBeInstanceOf(WebSocket);
    expect(second).toBeInstanceOf(WebSocket);
    expect(await openSocket()).toBe(429);
    expect(valueOf(await scrape(api.url), 'tandem_rate_limited_total', { limit: 'websocket' })).toBe(1);

    const closed = new Promise((resolve) => (first as WebSocket).once('close', resolve));
    (first as WebSocket).close();
    await closed;
    // The slot is freed when the server sees the TCP connection end: retry until it has.
    let again: WebSocket | number = 429;
    for (let attempt = 0; attempt < 50 && again === 429; attempt++) again = await openSocket();
    expect(again).toBeInstanceOf(WebSocket);
  });

  it('refuses an event stream past the cap with 429 RATE_LIMITED and retryAfter', async () => {
    const open = new AbortController();
    cleanup.push(() => open.abort());
    const streamUrl = `${api.url}?query=${encodeURIComponent('subscription($id: ID!) { documentChanged(documentId: $id) { title } }')}`;
    const id = await createDocument(api.url);
    const url = `${streamUrl}&variables=${encodeURIComponent(JSON.stringify({ id }))}`;
    const first = await fetch(url, { headers: { accept: 'text/event-stream', ...authorization(api.url) }, signal: open.signal });
    expect(first.status).toBe(200);

    const second = await fetch(url, { headers: { accept: 'text/event-stream', ...authorization(api.url) } });
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('5');
    const body = (await second.json()) as { errors: { extensions: { code: string; retryAfter: number } }[] };
    expect(body.errors[0]!.extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: 5 });
    expect(valueOf(await scrape(api.url), 'tandem_rate_limited_total', { limit: 'sse' })).toBe(1);
    // Ordinary requests are not streams and are not capped.
    expect((await gql(api.url, COUNT)).errors).toBeUndefined();
  });
});
