// Changes of access reach what is already open (access.graphql, "Live effect"): an owner
// unshares, lowers or raises a role, closes general access, revokes a link or a token, or
// someone signs out, through one API instance, while the caller holds a subscription open on
// another (or the same) instance, over a WebSocket or an SSE stream. Each change is applied
// without the caller reconnecting; the time each took is printed at the end.
import type { Client as SseClient } from 'graphql-sse';
import type { Client as WsClient } from 'graphql-ws';
import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_URL, REDIS_URL, startApi, type TestApi } from '../support/api.js';
import { createAccount, type TestAccount } from '../support/callers.js';
import { createDocument, endsWith, gql, must, sseClient, subscription, toBase64, wsClient, type GraphQLResponse } from '../support/clients.js';
import { appendParagraph } from '../support/docs.js';

const DOCUMENT_EVENTS = 'subscription($id: ID!) { documentEvents(documentId: $id) { kind } }';
const DOCUMENT_CHANGED = 'subscription($id: ID!) { documentChanged(documentId: $id) { myRole } }';
const PUSH = 'mutation($id: ID!, $u: Base64!) { pushUpdate(documentId: $id, update: $u) { stateVector } }';
const SHARE = 'mutation($id: ID!, $email: String!, $role: DocumentRole!) { shareDocument(documentId: $id, email: $email, role: $role) { role } }';

type Transport = 'websocket' | 'sse';
const delays: { change: string; where: string; transport: Transport; ms: number }[] = [];

/** Runs a mutation over a graphql-ws connection (how a WebSocket client pushes). */
function overSocket(client: WsClient, query: string, variables: Record<string, unknown>): Promise<GraphQLResponse> {
  return new Promise((resolve, reject) => {
    let result: GraphQLResponse = {};
    client.subscribe(
      { query, variables },
      {
        next: (value) => (result = value as GraphQLResponse),
        error: (errors) => (Array.isArray(errors) ? resolve({ errors }) : reject(errors)),
        complete: () => resolve(result),
      },
    );
  });
}

const topologies: [string, () => Promise<[TestApi, TestApi]>, boolean][] = [
  ['one instance (pglite)', async () => {
    const api = await startApi();
    return [api, api];
  }, true],
  ['the caller on a second instance (postgresql + redis)', async () => {
    const one = await startApi({ backend: 'postgresql', redis: true });
    const two = await startApi({ backend: 'postgresql', redis: true });
    return [one, two];
  }, !!DATABASE_URL && !!REDIS_URL],
];

describe.each(topologies)('access changes reach open connections: %s', (where, start, enabled) => {
  let owners: TestApi;
  let callers: TestApi;
  let owner: TestAccount;
  const cleanup: (() => unknown)[] = [];

  beforeAll(async () => {
    if (!enabled) return;
    [owners, callers] = await start();
    owner = await createAccount(owners.url, 'Owner');
  });
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });
  afterAll(async () => {
    await owners?.close();
    if (callers !== owners) await callers?.close();
  });

  /** A client of the caller's instance, acting with `token`. */
  function client(transport: Transport, token: string): WsClient | SseClient<true> {
    const made = transport === 'websocket' ? wsClient(callers.wsUrl, token, { lazy: false }) : sseClient(callers.streamUrl, token);
    cleanup.push(() => made.dispose());
    return made;
  }

  function open(made: WsClient | SseClient<true>, query: string, id: string) {
    const events = subscription(made, query, { id });
    cleanup.push(() => events.dispose());
    return events;
  }

  /** A push by the caller: over its socket, or as an HTTP POST beside its event stream. */
  async function push(transport: Transport, made: WsClient | SseClient<true>, token: string, id: string, text: string) {
    const variables = { id, u: toBase64(appendParagraph(new Y.Doc(), text)) };
    return transport === 'websocket' ? overSocket(made as WsClient, PUSH, variables) : gql(callers.url, PUSH, variables, token);
  }

  /** Makes the change, then measures until `ended` resolves. */
  async function timed(change: string, transport: Transport, act: () => Promise<unknown>, ended: () => Promise<unknown>) {
    await act();
    const started = Date.now();
    await ended();
    delays.push({ change, where, transport, ms: Date.now() - started });
  }

  async function memberDocument(role: 'EDITOR' | 'VIEWER') {
    const person = await createAccount(owners.url, 'Caller');
    const id = await createDocument(owners.url, 'Shared', owner.token);
    await must(owners.url, SHARE, { id, email: person.email, role }, owner.token);
    return { person, id };
  }

  describe.skipIf(!enabled).each(['websocket', 'sse'] as const)('over %s', (transport) => {
    it('unshare ends the subscription with FORBIDDEN', async () => {
      const { person, id } = await memberDocument('VIEWER');
      const events = open(client(transport, person.token), DOCUMENT_EVENTS, id);
      expect((await events.next()).data?.documentEvents.kind).toBe('SYNC');
      await timed('unshare', transport, () => must(owners.url, 'mutation($id: ID!, $u: ID!) { unshareDocument(documentId: $id, userId: $u) }', { id, u: person.id }, owner.token), () => endsWith(events, 'FORBIDDEN'));
    });

    it('a role lowered below EDITOR: pushes answer FORBIDDEN, the subscription goes on', async () => {
      const { person, id } = await memberDocument('EDITOR');
      const made = client(transport, person.token);
      const events = open(made, DOCUMENT_EVENTS, id);
      await events.next();
      expect((await push(transport, made, person.token, id, 'while editor')).errors).toBeUndefined();
      await timed('downgrade', transport, () => must(owners.url, SHARE, { id, email: person.email, role: 'VIEWER' }, owner.token), async () => {
        await expect.poll(async () => (await push(transport, made, person.token, id, 'after'))?.errors?.[0]?.extensions?.code, { interval: 20, timeout: 10_000 }).toBe('FORBIDDEN');
      });
      // Still reading: the owner's next edit arrives.
      const seen = events.events.length;
      await must(owners.url, PUSH, { id, u: toBase64(appendParagraph(new Y.Doc(), 'from the owner')) }, owner.token);
      await expect.poll(() => events.events.length, { timeout: 10_000 }).toBeGreaterThan(seen);
      expect(events.error).toBeNull();
    });

    it('a role raised to EDITOR works without reconnecting, and documentChanged reports it', async () => {
      const { person, id } = await memberDocument('VIEWER');
      const made = client(transport, person.token);
      const changes = open(made, DOCUMENT_CHANGED, id);
      expect((await changes.next()).data?.documentChanged.myRole).toBe('VIEWER');
      expect((await push(transport, made, person.token, id, 'not yet'))?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      await timed('raise', transport, () => must(owners.url, SHARE, { id, email: person.email, role: 'EDITOR' }, owner.token), async () => {
        let role: string | undefined;
        while (role !== 'EDITOR') role = (await changes.next(10_000)).data?.documentChanged.myRole;
      });
      await expect.poll(async () => (await push(transport, made, person.token, id, 'now an editor'))?.errors, { interval: 20, timeout: 10_000 }).toBeUndefined();
    });

    it('general access closed: an account that saw the document through it is cut off', async () => {
      const person = await createAccount(owners.url, 'Colleague');
      const id = await createDocument(owners.url, 'Open to all', owner.token);
      await must(owners.url, 'mutation($id: ID!) { setGeneralAccess(documentId: $id, access: VIEW) { id } }', { id }, owner.token);
      const events = open(client(transport, person.token), DOCUMENT_EVENTS, id);
      await events.next();
      await timed('general access', transport, () => must(owners.url, 'mutation($id: ID!) { setGeneralAccess(documentId: $id, access: RESTRICTED) { id } }', { id }, owner.token), () =>
        endsWith(events, 'FORBIDDEN'),
      );
    });

    it('a revoked share link ends its guest’s subscription', async () => {
      const id = await createDocument(owners.url, 'Linked', owner.token);
      const link = (await must(owners.url, 'mutation($id: ID!) { createShareLink(documentId: $id, role: VIEWER) { id token } }', { id }, owner.token)).createShareLink;
      const events = open(client(transport, link.token), DOCUMENT_EVENTS, id);
      await events.next();
      await timed('link revoked', transport, () => must(owners.url, 'mutation($id: ID!) { revokeShareLink(id: $id) }', { id: link.id }, owner.token), () => endsWith(events, 'FORBIDDEN'));
      expect((await gql(callers.url, 'query($id: ID!) { document(id: $id) { id } }', { id }, link.token)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('a revoked API token ends what it opened', async () => {
      const { person, id } = await memberDocument('VIEWER');
      const token = (await must(owners.url, 'mutation { createApiToken(name: "reader") { id token } }', {}, person.token)).createApiToken;
      const events = open(client(transport, token.token), DOCUMENT_EVENTS, id);
      await events.next();
      await timed('token revoked', transport, () => must(owners.url, 'mutation($id: ID!) { revokeApiToken(id: $id) }', { id: token.id }, person.token), () => endsWith(events, 'FORBIDDEN'));
    });

    it('signing out ends what the session opened', async () => {
      const { person, id } = await memberDocument('VIEWER');
      const events = open(client(transport, person.token), DOCUMENT_EVENTS, id);
      await events.next();
      await timed('sign-out', transport, () => must(owners.url, 'mutation { signOut }', {}, person.token), () => endsWith(events, 'FORBIDDEN'));
    });
  });
});

afterAll(() => {
  if (delays.length === 0) return;
  const rows = delays.map((d) => `  ${d.change.padEnd(16)} ${d.transport.padEnd(10)} ${String(d.ms).padStart(5)} ms  ${d.where}`);
  console.log(`[access changes] time from the change's answer until the open connection applied it:\n${rows.join('\n')}`);
});
