// Accounts, sign-up policy, invitations, sign-in limits, API tokens, disabled accounts,
// probing, and what a browser's credentials may do (CORS, the session cookie, the upgrade).
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, startApi, type TestApi } from '../support/api.js';
import { ADMIN, createAccount } from '../support/callers.js';
import { createDocument, gql, must, sseClient, subscription, wsClient, endsWith, type GraphQLResponse } from '../support/clients.js';

const SIGN_UP =
  'mutation($email: String!, $password: String!, $name: String!, $invitation: String) { signUp(email: $email, password: $password, name: $name, invitation: $invitation) { token user { id email name role } } }';
const SIGN_IN = 'mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { token user { id } } }';
const INVITE = 'mutation($email: String, $role: ServerRole) { createInvitation(email: $email, role: $role) { id token url role expiresAt } }';
const DOCUMENT_EVENTS = 'subscription($id: ID!) { documentEvents(documentId: $id) { kind } }';

const code = (result: GraphQLResponse) => result.errors?.[0]?.extensions?.code;
const unique = (name: string) => `${name}.${Math.random().toString(36).slice(2, 8)}@tandem.test`;

describe.each(backends)('accounts (%s)', (backend) => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi({ backend, env: { SIGNIN_FAILURES_PER_ACCOUNT: '3', SIGNIN_FAILURES_PER_ADDRESS: '1000' } });
  });
  afterAll(() => api?.close());

  it('signs up by invitation only: none, a used one, or one for another address is FORBIDDEN', async () => {
    const email = unique('invitee');
    expect(code(await gql(api.url, SIGN_UP, { email, password: 'long enough', name: 'X' }, null))).toBe('FORBIDDEN');

    const forSomeoneElse = (await must(api.url, INVITE, { email: unique('other') })).createInvitation;
    expect(code(await gql(api.url, SIGN_UP, { email, password: 'long enough', name: 'X', invitation: forSomeoneElse.token }, null))).toBe('FORBIDDEN');

    const invitation = (await must(api.url, INVITE, { email: email.toUpperCase() })).createInvitation;
    expect(invitation).toMatchObject({ role: 'MEMBER', token: expect.stringMatching(/^tdm_inv_/) });
    // Email is compared without case, and kept lower-case.
    const signedUp = await must(api.url, SIGN_UP, { email: email.toUpperCase(), password: 'long enough', name: ' Ivy ', invitation: invitation.token }, null);
    expect(signedUp.signUp.user).toMatchObject({ email, name: 'Ivy', role: 'MEMBER' });
    expect((await must(api.url, '{ me { email } }', {}, signedUp.signUp.token)).me.email).toBe(email);

    expect(code(await gql(api.url, SIGN_UP, { email: unique('again'), password: 'long enough', name: 'Y', invitation: invitation.token }, null))).toBe('FORBIDDEN');
    // The invitation is no longer listed as pending.
    const pending = (await must(api.url, '{ invitations { id } }')).invitations.map((row: { id: string }) => row.id);
    expect(pending).not.toContain(invitation.id);
    expect(pending).toContain(forSomeoneElse.id);
  });

  it('an invitation can make an administrator', async () => {
    const invitation = (await must(api.url, INVITE, { role: 'ADMIN' })).createInvitation;
    const signedUp = await must(api.url, SIGN_UP, { email: unique('second.admin'), password: 'long enough', name: 'Root', invitation: invitation.token }, null);
    expect(signedUp.signUp.user.role).toBe('ADMIN');
    expect(code(await gql(api.url, '{ accounts { id } }', {}, signedUp.signUp.token))).toBeUndefined();
  });

  it.each([
    ['a short password', { password: 'short' }],
    ['a malformed email', { email: 'not-an-email' }],
    ['an email already taken', { email: ADMIN.email }],
    ['an empty name', { name: '  ' }],
  ])('refuses %s with BAD_USER_INPUT and creates nothing', async (_, change) => {
    const before = (await must(api.url, '{ accounts { id } }')).accounts.length;
    const invitation = (await must(api.url, INVITE, {})).createInvitation;
    const input = { email: unique('bad'), password: 'long enough', name: 'Bad', invitation: invitation.token, ...change };
    expect(code(await gql(api.url, SIGN_UP, input, null))).toBe('BAD_USER_INPUT');
    expect((await must(api.url, '{ accounts { id } }')).accounts.length).toBe(before);
  });

  it('signIn: a wrong password and an unknown email answer alike; too many failures are RATE_LIMITED with retryAfter', async () => {
    const person = await createAccount(api.url, 'Limited');
    const wrong = await gql(api.url, SIGN_IN, { email: person.email, password: 'wrong password' }, null);
    const unknown = await gql(api.url, SIGN_IN, { email: unique('nobody'), password: 'wrong password' }, null);
    expect(code(wrong)).toBe('UNAUTHENTICATED');
    expect(unknown.errors?.[0]?.message).toBe(wrong.errors?.[0]?.message);

    await gql(api.url, SIGN_IN, { email: person.email, password: 'wrong password' }, null);
    await gql(api.url, SIGN_IN, { email: person.email, password: 'wrong password' }, null);
    // The limit (3 here) is reached: even the right password waits now.
    const limited = await gql(api.url, SIGN_IN, { email: person.email, password: 'a test password' }, null);
    expect(code(limited)).toBe('RATE_LIMITED');
    expect(limited.errors?.[0]?.extensions).toMatchObject({ retryAfter: expect.any(Number) });
    expect((limited.errors![0]!.extensions as { retryAfter: number }).retryAfter).toBeGreaterThan(0);
    // Other accounts are not affected.
    expect(code(await gql(api.url, SIGN_IN, ADMIN, null))).toBeUndefined();
  });

  it('API tokens: shown once, work on HTTP, SSE and WebSocket, and stop working when revoked', async () => {
    const person = await createAccount(api.url, 'Scripter');
    const created = (await must(api.url, 'mutation { createApiToken(name: "nightly export") { id name token lastUsedAt } }', {}, person.token)).createApiToken;
    expect(created.token).toMatch(/^tdm_api_/);
    expect(created.lastUsedAt).toBeNull();
    const id = await createDocument(api.url, 'Scripted', created.token);

    expect((await must(api.url, '{ me { id } }', {}, created.token)).me.id).toBe(person.id);
    const listed = (await must(api.url, '{ apiTokens { id name token lastUsedAt } }', {}, person.token)).apiTokens;
    expect(listed).toEqual([{ id: created.id, name: 'nightly export', token: null, lastUsedAt: expect.any(String) }]);

    const ws = wsClient(api.wsUrl, created.token);
    const overWs = subscription(ws, DOCUMENT_EVENTS, { id });
    expect((await overWs.next()).data?.documentEvents.kind).toBe('SYNC');
    const sse = sseClient(api.streamUrl, created.token);
    const overSse = subscription(sse, DOCUMENT_EVENTS, { id });
    expect((await overSse.next()).data?.documentEvents.kind).toBe('SYNC');

    expect(await must(api.url, 'mutation($id: ID!) { revokeApiToken(id: $id) }', { id: created.id }, person.token)).toEqual({ revokeApiToken: true });
    expect(code(await gql(api.url, '{ documents { nodes { id } } }', {}, created.token))).toBe('UNAUTHENTICATED');
    await endsWith(overWs, 'FORBIDDEN');
    await endsWith(overSse, 'FORBIDDEN');
    overSse.dispose();
    await ws.dispose();
    sse.dispose();
  });

  it('a disabled account is signed out everywhere, cannot sign in, and its tokens stop working', async () => {
    const person = await createAccount(api.url, 'Leaving');
    const token = (await must(api.url, 'mutation { createApiToken(name: "t") { token } }', {}, person.token)).createApiToken.token;
    const id = await createDocument(api.url, 'Theirs', person.token);
    let closeCode: number | undefined;
    const ws = wsClient(api.wsUrl, person.token, { lazy: false, onClosed: (event) => (closeCode = (event as { code: number }).code) });
    const events = subscription(ws, DOCUMENT_EVENTS, { id });
    await events.next();

    const disabled = await must(api.url, 'mutation($id: ID!) { setAccountDisabled(userId: $id, disabled: true) { disabled } }', { id: person.id });
    expect(disabled.setAccountDisabled.disabled).toBe(true);
    await endsWith(events, 'FORBIDDEN');
    await expect.poll(() => closeCode, { timeout: 10_000 }).toBe(4401);
    expect((await must(api.url, '{ me { id } }', {}, person.token)).me).toBeNull();
    expect(code(await gql(api.url, '{ documents { nodes { id } } }', {}, token))).toBe('UNAUTHENTICATED');
    expect(code(await gql(api.url, SIGN_IN, { email: person.email, password: 'a test password' }, null))).toBe('FORBIDDEN');
    // The administrator cannot lock themselves out.
    const me = (await must(api.url, '{ me { id } }')).me.id;
    expect(code(await gql(api.url, 'mutation($id: ID!) { setAccountDisabled(userId: $id, disabled: true) { id } }', { id: me }))).toBe('BAD_USER_INPUT');
    await ws.dispose();
  });

  it('signOut ends the session on every transport; the WebSocket closes with 4401', async () => {
    const person = await createAccount(api.url, 'Signing out');
    const id = await createDocument(api.url, 'Mine', person.token);
    let closeCode: number | undefined;
    const ws = wsClient(api.wsUrl, person.token, { lazy: false, onClosed: (event) => (closeCode = (event as { code: number }).code) });
    const overWs = subscription(ws, DOCUMENT_EVENTS, { id });
    await overWs.next();
    const sse = sseClient(api.streamUrl, person.token);
    const overSse = subscription(sse, DOCUMENT_EVENTS, { id });
    await overSse.next();

    expect(await must(api.url, 'mutation { signOut }', {}, person.token)).toEqual({ signOut: true });
    await endsWith(overWs, 'FORBIDDEN');
    await endsWith(overSse, 'FORBIDDEN');
    await expect.poll(() => closeCode, { timeout: 10_000 }).toBe(4401);
    expect(code(await gql(api.url, '{ documents { nodes { id } } }', {}, person.token))).toBe('UNAUTHENTICATED');
    // A new WebSocket with the ended token is refused at once, the same way.
    let refused: number | undefined;
    const again = wsClient(api.wsUrl, person.token, { onClosed: (event) => (refused = (event as { code: number }).code) });
    const attempt = subscription(again, DOCUMENT_EVENTS, { id });
    await expect(attempt.next()).rejects.toThrow();
    // graphql-ws reports the close to its listener and to the subscription separately.
    await expect.poll(() => refused, { timeout: 10_000 }).toBe(4401);
    overSse.dispose();
    sse.dispose();
    await ws.dispose();
    await again.dispose();
  });

  it('a hidden document answers exactly as an unknown id, on every operation', async () => {
    const owner = await createAccount(api.url, 'Secretive');
    const stranger = await createAccount(api.url, 'Curious');
    const hidden = await createDocument(api.url, 'Secret plans', owner.token);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const ask = async (id: string) => {
      const answers: unknown[] = [];
      for (const [query, variables] of [
        ['query($id: ID!) { document(id: $id) { id } }', { id }],
        ['mutation($id: ID!) { renameDocument(id: $id, title: "x") { id } }', { id }],
        ['mutation($id: ID!) { deleteDocument(id: $id) }', { id }],
        ['mutation($id: ID!) { pushUpdate(documentId: $id, update: "AAA=") { stateVector } }', { id }],
        ['mutation($id: ID!) { createSnapshot(documentId: $id) { version } }', { id }],
        ['mutation($id: ID!) { shareDocument(documentId: $id, email: "a@b.c", role: VIEWER) { role } }', { id }],
        ['mutation($id: ID!) { createShareLink(documentId: $id, role: VIEWER) { id } }', { id }],
      ] as const) {
        const result = await gql(api.url, query, variables, stranger.token);
        answers.push(JSON.parse(JSON.stringify(result).replaceAll(id, 'ID')));
      }
      for (const client of [wsClient(api.wsUrl, stranger.token), sseClient(api.streamUrl, stranger.token)]) {
        const events = subscription(client, DOCUMENT_EVENTS, { id });
        const first = await events.next().catch((error: Error) => error.message);
        answers.push(JSON.parse(JSON.stringify(first).replaceAll(id, 'ID')));
        events.dispose();
        await client.dispose();
      }
      return answers;
    };
    const [forHidden, forUnknown] = [await ask(hidden), await ask(unknown)];
    expect(forHidden).toEqual(forUnknown);
    expect(JSON.stringify(forHidden)).not.toContain('Secret plans');
    // documents lists it for its owner only.
    const listed = async (token: string) => (await must(api.url, '{ documents(first: 100) { nodes { id } } }', {}, token)).documents.nodes.map((n: { id: string }) => n.id);
    expect(await listed(owner.token)).toContain(hidden);
    expect(await listed(stranger.token)).not.toContain(hidden);
  });

  it('general access opens a document to every account, and a guest lists only its link’s document', async () => {
    const owner = await createAccount(api.url, 'Opener');
    const member = await createAccount(api.url, 'Member');
    const id = await createDocument(api.url, 'For everyone', owner.token);
    const other = await createDocument(api.url, 'Not for guests', owner.token);
    await must(api.url, 'mutation($id: ID!) { setGeneralAccess(documentId: $id, access: COMMENT) { generalAccess } }', { id }, owner.token);
    expect((await must(api.url, 'query($id: ID!) { document(id: $id) { myRole } }', { id }, member.token)).document.myRole).toBe('COMMENTER');
    const listed = (await must(api.url, '{ documents(first: 100) { nodes { id } } }', {}, member.token)).documents.nodes.map((n: { id: string }) => n.id);
    expect(listed).toContain(id);
    expect(listed).not.toContain(other);

    const link = (await must(api.url, 'mutation($id: ID!) { createShareLink(documentId: $id, role: VIEWER) { token } }', { id: other }, owner.token)).createShareLink;
    const guestList = (await must(api.url, '{ documents { nodes { id } } me { id } }', {}, link.token));
    expect(guestList).toEqual({ documents: { nodes: [{ id: other }] }, me: null });
  });

  it('the last owner cannot be removed or lowered', async () => {
    const owner = await createAccount(api.url, 'Only owner');
    const helper = await createAccount(api.url, 'Co-owner');
    const id = await createDocument(api.url, 'Owned', owner.token);
    const unshare = 'mutation($id: ID!, $user: ID!) { unshareDocument(documentId: $id, userId: $user) }';
    const share = 'mutation($id: ID!, $email: String!, $role: DocumentRole!) { shareDocument(documentId: $id, email: $email, role: $role) { role } }';
    expect(code(await gql(api.url, unshare, { id, user: owner.id }, owner.token))).toBe('BAD_USER_INPUT');
    expect(code(await gql(api.url, share, { id, email: owner.email, role: 'EDITOR' }, owner.token))).toBe('BAD_USER_INPUT');
    await must(api.url, share, { id, email: helper.email, role: 'OWNER' }, owner.token);
    expect(await must(api.url, unshare, { id, user: owner.id }, owner.token)).toEqual({ unshareDocument: true });
    expect((await must(api.url, 'query($id: ID!) { document(id: $id) { members { role user { id } } } }', { id }, helper.token)).document.members).toEqual([
      { role: 'OWNER', user: { id: helper.id } },
    ]);
  });

  it('a share link cannot be made for OWNER, and its URL opens the web app from the caller’s origin', async () => {
    const id = await createDocument(api.url, 'Linked');
    expect(code(await gql(api.url, 'mutation($id: ID!) { createShareLink(documentId: $id, role: OWNER) { id } }', { id }))).toBe('BAD_USER_INPUT');
    const host = new URL(api.url).hostname;
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: `http://${host}:3000`, authorization: `Bearer ${api.adminToken}` },
      body: JSON.stringify({ query: 'mutation($id: ID!) { createShareLink(documentId: $id, role: VIEWER) { token url } }', variables: { id } }),
    });
    const { createShareLink } = ((await response.json()) as { data: { createShareLink: { token: string; url: string } } }).data;
    expect(createShareLink.url).toBe(`http://${host}:3000/d/${id}#link=${encodeURIComponent(createShareLink.token)}`);
  });
});

describe('a browser’s credentials', () => {
  let api: TestApi;
  let host: string;
  let web: string;

  beforeAll(async () => {
    api = await startApi();
    host = new URL(api.url).host;
    web = `http://${new URL(api.url).hostname}:3000`;
  });
  afterAll(() => api?.close());

  const post = (body: unknown, headers: Record<string, string>) =>
    fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('signIn sets the session cookie, which works from the web app’s origin only', async () => {
    const signedIn = await post({ query: SIGN_IN, variables: ADMIN }, { origin: web });
    expect(signedIn.headers.get('access-control-allow-origin')).toBe(web);
    expect(signedIn.headers.get('access-control-allow-credentials')).toBe('true');
    const cookie = signedIn.headers.getSetCookie().find((value) => value.startsWith('tandem.session_token='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const session = cookie!.split(';')[0]!;

    const me = async (origin: string) => ((await (await post({ query: '{ me { email } }' }, { origin, cookie: session })).json()) as GraphQLResponse).data?.me;
    expect(await me(web)).toEqual({ email: ADMIN.email });
    // Another site's page gets no CORS answer, and the cookie counts for nothing there.
    const foreign = await post({ query: '{ me { email } }' }, { origin: 'http://evil.example', cookie: session });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect(await me('http://evil.example')).toBeNull();

    const out = await post({ query: 'mutation { signOut }' }, { origin: web, cookie: session });
    expect(out.headers.getSetCookie().some((value) => /^tandem\.session_token=;/.test(value))).toBe(true);
    expect(await me(web)).toBeNull();
  });

  it('behind a proxy that rewrites Host, a page of the origin the browser reached the API at keeps its cookie', async () => {
    const signedIn = await post({ query: SIGN_IN, variables: ADMIN }, { origin: web });
    const session = signedIn.headers.getSetCookie()[0]!.split(';')[0]!;
    // A stock `proxy_pass` sends Host as its upstream's name: only the browser's own
    // Sec-Fetch-Site (which no page can set) says the page and the API share one origin.
    const proxied = { origin: 'http://tandem.internal:8080', host: 'tandem_api', cookie: session };
    const me = async (headers: Record<string, string>) => ((await (await post({ query: '{ me { email } }' }, headers)).json()) as GraphQLResponse).data?.me;
    expect(await me({ ...proxied, 'sec-fetch-site': 'same-origin' })).toEqual({ email: ADMIN.email });
    expect(await me({ ...proxied, 'sec-fetch-site': 'cross-site' })).toBeNull();
  });

  it('lets the web app’s pages reserve an SSE stream (graphql-sse: PUT and its own header) with credentials', async () => {
    const preflight = await fetch(api.streamUrl, {
      method: 'OPTIONS',
      headers: { origin: web, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'x-graphql-event-stream-token, authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(web);
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-graphql-event-stream-token');
  });

  it('a WebSocket upgrade from another site’s page is refused; from the web app it carries the cookie', async () => {
    const refused = await new Promise<number | string>((resolve) => {
      const socket = new WebSocket(api.wsUrl, 'graphql-transport-ws', { headers: { origin: 'http://evil.example' } });
      socket.on('unexpected-response', (_, response) => resolve(response.statusCode ?? 0));
      socket.on('open', () => resolve('opened'));
      socket.on('error', () => {});
    });
    expect(refused).toBe(403);

    const signedIn = await post({ query: SIGN_IN, variables: ADMIN }, { origin: web });
    const session = signedIn.headers.getSetCookie()[0]!.split(';')[0]!;
    const socket = new WebSocket(api.wsUrl, 'graphql-transport-ws', { headers: { origin: web, cookie: session, host } });
    const messages: { type: string; payload?: { data?: { me?: unknown } } }[] = [];
    socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString())));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init' }));
    await expect.poll(() => messages.some((m) => m.type === 'connection_ack'), { timeout: 10_000 }).toBe(true);
    socket.send(JSON.stringify({ type: 'subscribe', id: '1', payload: { query: '{ me { email } }' } }));
    await expect.poll(() => messages.find((m) => m.type === 'next')?.payload?.data?.me, { timeout: 10_000 }).toEqual({ email: ADMIN.email });
    socket.close();
  });

  it('better-auth’s own routes are mounted for what a browser needs, and nothing else', async () => {
    const signedIn = await post({ query: SIGN_IN, variables: ADMIN }, { origin: web });
    const session = signedIn.headers.getSetCookie()[0]!.split(';')[0]!;
    const base = api.url.replace(/\/graphql$/, '/api/auth');
    const current = await fetch(`${base}/get-session`, { headers: { cookie: session, origin: web } });
    expect(current.status).toBe(200);
    expect(((await current.json()) as { user: { email: string } }).user.email).toBe(ADMIN.email);
    // Signing up and in go through GraphQL, where the policy and the limits are.
    const signUp = await fetch(`${base}/sign-up/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: web },
      body: JSON.stringify({ email: 'sneaky@tandem.test', password: 'long enough', name: 'Sneaky' }),
    });
    expect(signUp.status).toBe(404);
  });
});
