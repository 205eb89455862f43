// Every operation of the API against every kind of caller: the administrator, a document's
// OWNER, EDITOR, COMMENTER and VIEWER, a guest with an EDITOR share link, another member of
// the server with no role on the document, and no caller at all. Each cell states the
// outcome (done, or the error code, or null where the contract answers a hidden document
// with null), and a refused request must leave the document, its members and links, the
// server's invitations and the owner's API tokens exactly as they were.
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, startApi, type TestApi } from '../support/api.js';
import { createAccount, shareLink, type TestAccount } from '../support/callers.js';
import { gql, must, subscription, toBase64, wsClient, type GraphQLResponse } from '../support/clients.js';
import { appendParagraph } from '../support/docs.js';

const CALLERS = ['admin', 'owner', 'editor', 'commenter', 'viewer', 'guest', 'stranger', 'none'] as const;
type CallerName = (typeof CALLERS)[number];
/** 'ok': done; 'null': answered with null (a hidden document); otherwise the error code. */
type Outcome = 'ok' | 'null' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT';
type Row = Record<CallerName, Outcome>;

// The patterns most rows follow (DOCUMENT_RULES in apps/api/src/access/policy.ts).
const READ: Row = { admin: 'ok', owner: 'ok', editor: 'ok', commenter: 'ok', viewer: 'ok', guest: 'ok', stranger: 'NOT_FOUND', none: 'UNAUTHENTICATED' };
const READ_FIELD: Row = { ...READ, stranger: 'null' };
const EDIT: Row = { ...READ, commenter: 'FORBIDDEN', viewer: 'FORBIDDEN' };
/** Comments: COMMENTER and above, with an account (a comment's author is an account). */
const COMMENT: Row = { ...READ, viewer: 'FORBIDDEN', guest: 'FORBIDDEN' };
const MANAGE: Row = { ...READ, editor: 'FORBIDDEN', commenter: 'FORBIDDEN', viewer: 'FORBIDDEN', guest: 'FORBIDDEN' };
const ACCOUNTS: Row = { admin: 'ok', owner: 'ok', editor: 'ok', commenter: 'ok', viewer: 'ok', guest: 'FORBIDDEN', stranger: 'ok', none: 'UNAUTHENTICATED' };
const ADMIN_ONLY: Row = {
  admin: 'ok',
  owner: 'FORBIDDEN',
  editor: 'FORBIDDEN',
  commenter: 'FORBIDDEN',
  viewer: 'FORBIDDEN',
  guest: 'FORBIDDEN',
  stranger: 'FORBIDDEN',
  none: 'UNAUTHENTICATED',
};

interface Fixture {
  documentId: string;
  /** A share link other than the guest's own. */
  otherLinkId: string;
  /** An API token of the owner's. */
  ownerTokenId: string;
  invitationId: string;
  /** A thread the commenter opened, and the commenter's reply in it. */
  threadId: string;
  replyId: string;
}

interface Operation {
  name: string;
  expected: Row;
  /** Changes something when it succeeds: it gets a fixture of its own per caller. */
  mutates: boolean;
  run(fixture: Fixture, token: string | null, caller: CallerName): Promise<Outcome>;
}

function outcome(result: GraphQLResponse, field: string): Outcome {
  const code = result.errors?.[0]?.extensions?.code;
  if (code) return code as Outcome;
  if (!result.data) throw new Error(`no data and no error code: ${JSON.stringify(result)}`);
  return result.data[field] === null ? 'null' : 'ok';
}

describe.each(backends)('the role matrix (%s)', (backend) => {
  let api: TestApi;
  let accounts: Record<'owner' | 'editor' | 'commenter' | 'viewer' | 'stranger', TestAccount>;
  /** A session of each caller, a share link for the guest; none for `none`. */
  const tokens = new Map<CallerName, string | null>();

  const query = (name: string, document: string, variables: (f: Fixture, caller: CallerName) => Record<string, unknown>, field = name) =>
    async (fixture: Fixture, token: string | null, caller: CallerName) => outcome(await gql(api.url, document, variables(fixture, caller), token), field);

  /** A field of Document, asked through document(id). */
  const documentField = (selection: string) =>
    query(`document { ${selection} }`, `query($id: ID!) { document(id: $id) { ${selection} } }`, (f) => ({ id: f.documentId }), 'document');

  const subscribe = (document: string, variables: (f: Fixture) => Record<string, unknown>) =>
    async (fixture: Fixture, token: string | null): Promise<Outcome> => {
      const client = wsClient(api.wsUrl, token);
      const events = subscription(client, document, variables(fixture));
      try {
        const first = await events.next();
        return first.errors?.[0]?.extensions?.code ? (first.errors[0].extensions.code as Outcome) : 'ok';
      } catch (error) {
        const code = /"code":"(\w+)"/.exec(String((error as Error).message))?.[1];
        if (code) return code as Outcome;
        throw error;
      } finally {
        events.dispose();
        await client.dispose();
      }
    };

  /**
   * threadEvents has no first event: once subscribed, the administrator reopens the fixture's
   * (open) thread until an event or the refusal arrives. Reopening an open thread changes nothing.
   */
  const subscribeThreadEvents = async (fixture: Fixture, token: string | null): Promise<Outcome> => {
    const client = wsClient(api.wsUrl, token);
    const events = subscription(client, 'subscription($id: ID!) { threadEvents(documentId: $id) { kind } }', { id: fixture.documentId });
    try {
      // Bounded by time, not attempts: on a loaded machine the subscription can take seconds.
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline && events.events.length === 0 && !events.error) {
        await must(api.url, 'mutation($t: ID!) { resolveThread(threadId: $t, resolved: false) { id } }', { t: fixture.threadId });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const first = await events.next();
      return first.errors?.[0]?.extensions?.code ? (first.errors[0].extensions.code as Outcome) : 'ok';
    } catch (error) {
      const code = /"code":"(\w+)"/.exec(String((error as Error).message))?.[1];
      if (code) return code as Outcome;
      throw error;
    } finally {
      events.dispose();
      await client.dispose();
    }
  };

  const operations: Operation[] = [
    // Queries and Document's fields.
    { name: 'documents', expected: { ...ACCOUNTS, guest: 'ok' }, mutates: false, run: query('documents', '{ documents { nodes { id } } }', () => ({})) },
    { name: 'document', expected: READ_FIELD, mutates: false, run: documentField('id title createdAt updatedAt latestVersion') },
    { name: 'Document.text', expected: READ_FIELD, mutates: false, run: documentField('text') },
    { name: 'Document.update', expected: READ_FIELD, mutates: false, run: documentField('update stateVector') },
    { name: 'Document.snapshots', expected: READ_FIELD, mutates: false, run: documentField('snapshots { nodes { version text state } } snapshot(version: 1) { label }') },
    { name: 'Document.diff', expected: READ_FIELD, mutates: false, run: documentField('diff(from: 1) { insertedCharacters }') },
    { name: 'Document.awareness', expected: READ_FIELD, mutates: false, run: documentField('awareness') },
    { name: 'Document.myRole', expected: READ_FIELD, mutates: false, run: documentField('myRole generalAccess') },
    { name: 'Document.members', expected: { ...READ_FIELD, guest: 'FORBIDDEN' }, mutates: false, run: documentField('members { role user { email } }') },
    { name: 'Document.threads', expected: READ_FIELD, mutates: false, run: documentField('threads(includeResolved: true) { quote comments { body author { name } } }') },
    {
      name: 'search',
      // Everyone may search; each finds only what it may see (search.test.ts).
      expected: { ...ACCOUNTS, guest: 'ok' },
      mutates: false,
      run: query('search', '{ search(query: "first words") { nodes { snippet } } }', () => ({})),
    },
    { name: 'Document.shareLinks', expected: { ...MANAGE, stranger: 'null' }, mutates: false, run: documentField('shareLinks { id role }') },
    { name: 'me', expected: { ...ACCOUNTS, guest: 'null', none: 'null' }, mutates: false, run: query('me', '{ me { id } }', () => ({})) },
    { name: 'apiTokens', expected: ACCOUNTS, mutates: false, run: query('apiTokens', '{ apiTokens { id } }', () => ({})) },
    { name: 'accounts', expected: ADMIN_ONLY, mutates: false, run: query('accounts', '{ accounts { id } }', () => ({})) },
    { name: 'invitations', expected: ADMIN_ONLY, mutates: false, run: query('invitations', '{ invitations { id } }', () => ({})) },
    // Subscriptions.
    {
      name: 'documentEvents',
      expected: READ,
      mutates: false,
      run: subscribe('subscription($id: ID!) { documentEvents(documentId: $id) { kind } }', (f) => ({ id: f.documentId })),
    },
    {
      name: 'awarenessEvents',
      expected: READ,
      mutates: false,
      run: subscribe('subscription($id: ID!) { awarenessEvents(documentId: $id) { update } }', (f) => ({ id: f.documentId })),
    },
    {
      name: 'documentChanged',
      expected: READ,
      mutates: false,
      run: subscribe('subscription($id: ID!) { documentChanged(documentId: $id) { title } }', (f) => ({ id: f.documentId })),
    },
    { name: 'threadEvents', expected: READ, mutates: false, run: subscribeThreadEvents },
    // Mutations on a document.
    {
      name: 'pushUpdate',
      expected: EDIT,
      mutates: true,
      run: query(
        'pushUpdate',
        'mutation($id: ID!, $u: Base64!) { pushUpdate(documentId: $id, update: $u) { stateVector } }',
        (f) => ({ id: f.documentId, u: toBase64(appendParagraph(new Y.Doc(), 'from the matrix')) }),
      ),
    },
    {
      name: 'pushAwareness',
      expected: READ,
      mutates: false,
      // An empty awareness update (no clients): valid, changes nothing anyone sees.
      run: query('pushAwareness', 'mutation($id: ID!) { pushAwareness(documentId: $id, update: "AA==") }', (f) => ({ id: f.documentId })),
    },
    { name: 'renameDocument', expected: EDIT, mutates: true, run: query('renameDocument', 'mutation($id: ID!) { renameDocument(id: $id, title: "Renamed") { id } }', (f) => ({ id: f.documentId })) },
    { name: 'createSnapshot', expected: EDIT, mutates: true, run: query('createSnapshot', 'mutation($id: ID!) { createSnapshot(documentId: $id, label: "x") { version } }', (f) => ({ id: f.documentId })) },
    { name: 'restoreSnapshot', expected: EDIT, mutates: true, run: query('restoreSnapshot', 'mutation($id: ID!) { restoreSnapshot(documentId: $id, version: 1) { id } }', (f) => ({ id: f.documentId })) },
    { name: 'deleteDocument', expected: MANAGE, mutates: true, run: query('deleteDocument', 'mutation($id: ID!) { deleteDocument(id: $id) }', (f) => ({ id: f.documentId })) },
    {
      name: 'shareDocument',
      expected: MANAGE,
      mutates: true,
      run: query(
        'shareDocument',
        'mutation($id: ID!, $email: String!) { shareDocument(documentId: $id, email: $email, role: EDITOR) { role } }',
        (f) => ({ id: f.documentId, email: accounts.stranger.email }),
      ),
    },
    {
      name: 'unshareDocument',
      expected: MANAGE,
      mutates: true,
      run: query('unshareDocument', 'mutation($id: ID!, $user: ID!) { unshareDocument(documentId: $id, userId: $user) }', (f) => ({ id: f.documentId, user: accounts.viewer.id })),
    },
    {
      name: 'setGeneralAccess',
      expected: MANAGE,
      mutates: true,
      run: query('setGeneralAccess', 'mutation($id: ID!) { setGeneralAccess(documentId: $id, access: EDIT) { id } }', (f) => ({ id: f.documentId })),
    },
    {
      name: 'createShareLink',
      expected: MANAGE,
      mutates: true,
      run: query('createShareLink', 'mutation($id: ID!) { createShareLink(documentId: $id, role: VIEWER) { token } }', (f) => ({ id: f.documentId })),
    },
    {
      name: 'revokeShareLink',
      // An unknown link and a link of a document the caller may not see answer alike.
      expected: MANAGE,
      mutates: true,
      run: query('revokeShareLink', 'mutation($id: ID!) { revokeShareLink(id: $id) }', (f) => ({ id: f.otherLinkId })),
    },
    // Comments.
    {
      name: 'createThread',
      expected: COMMENT,
      mutates: true,
      run: query('createThread', 'mutation($id: ID!) { createThread(documentId: $id, start: 6, end: 11, body: "Why?") { id } }', (f) => ({ id: f.documentId })),
    },
    {
      name: 'replyToThread',
      expected: COMMENT,
      mutates: true,
      run: query('replyToThread', 'mutation($t: ID!) { replyToThread(threadId: $t, body: "Because.") { id } }', (f) => ({ t: f.threadId })),
    },
    {
      name: 'resolveThread',
      expected: COMMENT,
      mutates: true,
      run: query('resolveThread', 'mutation($t: ID!) { resolveThread(threadId: $t, resolved: true) { id } }', (f) => ({ t: f.threadId })),
    },
    {
      name: 'editComment',
      // The commenter's own reply: its author only.
      expected: { ...COMMENT, admin: 'FORBIDDEN', owner: 'FORBIDDEN', editor: 'FORBIDDEN' },
      mutates: true,
      run: query('editComment', 'mutation($c: ID!) { editComment(commentId: $c, body: "Edited.") { id } }', (f) => ({ c: f.replyId })),
    },
    {
      name: 'deleteComment',
      // The commenter's own reply: its author, or an OWNER.
      expected: { ...COMMENT, editor: 'FORBIDDEN' },
      mutates: true,
      run: query('deleteComment', 'mutation($c: ID!) { deleteComment(commentId: $c) }', (f) => ({ c: f.replyId })),
    },
    // Mutations of the server and of one's own account.
    { name: 'createDocument', expected: ACCOUNTS, mutates: true, run: query('createDocument', 'mutation { createDocument(title: "Mine") { id } }', () => ({})) },
    { name: 'createApiToken', expected: ACCOUNTS, mutates: true, run: query('createApiToken', 'mutation { createApiToken(name: "script") { token } }', () => ({})) },
    {
      name: 'revokeApiToken',
      // Only its own account may revoke a token; anyone else's attempt is an unknown id.
      expected: { ...ACCOUNTS, admin: 'NOT_FOUND', editor: 'NOT_FOUND', commenter: 'NOT_FOUND', viewer: 'NOT_FOUND', stranger: 'NOT_FOUND' },
      mutates: true,
      run: query('revokeApiToken', 'mutation($id: ID!) { revokeApiToken(id: $id) }', (f) => ({ id: f.ownerTokenId })),
    },
    { name: 'createInvitation', expected: ADMIN_ONLY, mutates: true, run: query('createInvitation', 'mutation { createInvitation { token } }', () => ({})) },
    { name: 'revokeInvitation', expected: ADMIN_ONLY, mutates: true, run: query('revokeInvitation', 'mutation($id: ID!) { revokeInvitation(id: $id) }', (f) => ({ id: f.invitationId })) },
    {
      name: 'setAccountDisabled',
      expected: ADMIN_ONLY,
      mutates: true,
      // Enabling an enabled account: allowed only to an administrator, and harmless.
      run: query('setAccountDisabled', 'mutation($user: ID!) { setAccountDisabled(userId: $user, disabled: false) { id } }', () => ({ user: accounts.stranger.id })),
    },
    {
      name: 'signOut',
      expected: { ...ACCOUNTS, guest: 'BAD_USER_INPUT' },
      mutates: true,
      // A session of its own, so the matrix's sessions live on.
      run: async (_, token, caller) => outcome(await gql(api.url, 'mutation { signOut }', {}, caller === 'guest' || caller === 'none' ? token : await freshSession(caller)), 'signOut'),
    },
  ];

  async function freshSession(caller: CallerName): Promise<string> {
    if (caller === 'admin') return (await must(api.url, 'mutation { signIn(email: "admin@tandem.test", password: "the administrator password") { token } }', {}, null)).signIn.token;
    const account = accounts[caller as keyof typeof accounts];
    return (await must(api.url, 'mutation($e: String!) { signIn(email: $e, password: "a test password") { token } }', { e: account.email }, null)).signIn.token;
  }

  /** A document with one member of each role, a guest link (EDITOR) and another link, a version, text, and a thread of the commenter's with a reply. */
  async function makeFixture(): Promise<Fixture & { guestToken: string }> {
    const admin = api.adminToken;
    const { createDocument } = await must(api.url, 'mutation { createDocument(title: "Matrix") { id } }', {}, admin);
    const documentId = createDocument.id as string;
    await must(api.url, 'mutation($id: ID!, $u: Base64!) { pushUpdate(documentId: $id, update: $u) { stateVector } }', {
      id: documentId,
      u: toBase64(appendParagraph(new Y.Doc(), 'first words')),
    });
    await must(api.url, 'mutation($id: ID!) { createSnapshot(documentId: $id) { version } }', { id: documentId });
    for (const [name, role] of [['owner', 'OWNER'], ['editor', 'EDITOR'], ['commenter', 'COMMENTER'], ['viewer', 'VIEWER']] as const) {
      await must(api.url, 'mutation($id: ID!, $e: String!, $r: DocumentRole!) { shareDocument(documentId: $id, email: $e, role: $r) { role } }', {
        id: documentId,
        e: accounts[name].email,
        r: role,
      });
    }
    const thread = await must(api.url, 'mutation($id: ID!) { createThread(documentId: $id, start: 0, end: 5, body: "On the first word.") { id } }', { id: documentId }, accounts.commenter.token);
    const threadId = thread.createThread.id as string;
    const reply = await must(api.url, 'mutation($t: ID!) { replyToThread(threadId: $t, body: "A reply.") { id } }', { t: threadId }, accounts.commenter.token);
    const guest = await shareLink(api.url, documentId, 'EDITOR');
    const other = await shareLink(api.url, documentId, 'VIEWER');
    const token = await must(api.url, 'mutation { createApiToken(name: "owner script") { id } }', {}, accounts.owner.token);
    const invitation = await must(api.url, 'mutation { createInvitation { id } }', {}, admin);
    return {
      documentId,
      otherLinkId: other.id,
      ownerTokenId: token.createApiToken.id,
      invitationId: invitation.createInvitation.id,
      threadId,
      replyId: reply.replyToThread.id,
      guestToken: guest.token,
    };
  }

  /** Everything a refused request must leave as it was, read by the administrator. */
  async function state(fixture: Fixture) {
    const read = await must(
      api.url,
      `query($id: ID!) {
        document(id: $id) {
          title text generalAccess latestVersion members { role user { id } } shareLinks { id role }
          threads(includeResolved: true) { id resolved comments { id body } }
        }
        invitations { id }
        accounts { id disabled }
      }`,
      { id: fixture.documentId },
    );
    const ownerTokens = await must(api.url, '{ apiTokens { id } }', {}, accounts.owner.token);
    return { ...read, ownerTokens };
  }

  beforeAll(async () => {
    api = await startApi({ backend });
    accounts = {
      owner: await createAccount(api.url, 'Owner'),
      editor: await createAccount(api.url, 'Editor'),
      commenter: await createAccount(api.url, 'Commenter'),
      viewer: await createAccount(api.url, 'Viewer'),
      stranger: await createAccount(api.url, 'Stranger'),
    };
    tokens.set('admin', api.adminToken);
    for (const name of ['owner', 'editor', 'commenter', 'viewer', 'stranger'] as const) tokens.set(name, accounts[name].token);
    tokens.set('none', null);
  });
  afterAll(() => api?.close());

  let shared: Fixture & { guestToken: string };
  beforeAll(async () => {
    shared = await makeFixture();
  });

  it.each(operations.map((operation) => [operation.name, operation] as const))('%s', async (_, operation) => {
    const row = {} as Row;
    for (const caller of CALLERS) {
      const fixture = operation.mutates ? await makeFixture() : shared;
      const token = caller === 'guest' ? fixture.guestToken : tokens.get(caller)!;
      const before = await state(fixture);
      row[caller] = await operation.run(fixture, token, caller);
      if (row[caller] !== 'ok') expect(await state(fixture), `${operation.name} refused for ${caller} changed something`).toEqual(before);
    }
    expect(row).toEqual(operation.expected);
  });

  it('myRole says each caller’s role', async () => {
    const fixture = await makeFixture();
    const roles: Record<string, string | null> = {};
    for (const caller of CALLERS) {
      const token = caller === 'guest' ? fixture.guestToken : tokens.get(caller)!;
      const result = await gql(api.url, 'query($id: ID!) { document(id: $id) { myRole } }', { id: fixture.documentId }, token);
      roles[caller] = result.data?.document?.myRole ?? result.errors?.[0]?.extensions?.code ?? null;
    }
    expect(roles).toEqual({
      admin: 'OWNER',
      owner: 'OWNER',
      editor: 'EDITOR',
      commenter: 'COMMENTER',
      viewer: 'VIEWER',
      guest: 'EDITOR',
      stranger: null,
      none: 'UNAUTHENTICATED',
    });
  });
});
