// Comment threads through the API: a COMMENTER discusses a passage without editing it; the
// anchor follows the passage through concurrent edits from providers on every transport and
// through a restore; threads whose text was deleted stay, with quote null; authors edit and
// delete their own comments, an OWNER any; threadEvents tells subscribers on WebSocket and SSE,
// and the provider's watchThreads follows them on WebSocket, SSE and polling.
// Who may call what is the role matrix's (role-matrix.test.ts).
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { backends, startApi, type TestApi } from '../support/api.js';
import { createAccount, share, shareLink, type TestAccount } from '../support/callers.js';
import { createDocument, docWithParagraphs, fromBase64, gql, must, PUSH_UPDATE, sseClient, subscription, toBase64, wsClient, type As } from '../support/clients.js';
import { connectProvider } from '../support/providers.js';

const THREAD_FIELDS = 'id documentId quote range { start end } resolved createdAt updatedAt comments { id threadId body editedAt author { id name email } }';
const CREATE_THREAD = `mutation($id: ID!, $start: Int!, $end: Int!, $body: String!) {
  createThread(documentId: $id, start: $start, end: $end, body: $body) { ${THREAD_FIELDS} } }`;
const THREADS = `query($id: ID!, $all: Boolean) { document(id: $id) { text threads(includeResolved: $all) { ${THREAD_FIELDS} } } }`;
const REPLY = 'mutation($t: ID!, $body: String!) { replyToThread(threadId: $t, body: $body) { id threadId body author { name } } }';
const RESOLVE = `mutation($t: ID!, $r: Boolean!) { resolveThread(threadId: $t, resolved: $r) { ${THREAD_FIELDS} } }`;
const EDIT = 'mutation($c: ID!, $body: String!) { editComment(commentId: $c, body: $body) { id body editedAt } }';
const DELETE = 'mutation($c: ID!) { deleteComment(commentId: $c) }';
const THREAD_EVENTS = `subscription($id: ID!) { threadEvents(documentId: $id) { kind thread { ${THREAD_FIELDS} } } }`;

interface Thread {
  id: string;
  quote: string | null;
  range: { start: number; end: number } | null;
  resolved: boolean;
  comments: { id: string; body: string; editedAt: string | null; author: { id: string; name: string; email: string } }[];
}

describe.each(backends)('comments (%s)', (backend) => {
  let api: TestApi;
  let commenter: TestAccount;
  let other: TestAccount;

  async function writeDocument(...lines: string[]): Promise<string> {
    const id = await createDocument(api.url, 'Discussed');
    await must(api.url, PUSH_UPDATE, { id, update: toBase64(Y.encodeStateAsUpdate(docWithParagraphs(...lines))) });
    await share(api.url, id, commenter.email, 'COMMENTER');
    await share(api.url, id, other.email, 'COMMENTER');
    return id;
  }

  /** Changes the document as an editor would: from its current state, pushing only the change. */
  async function edit(id: string, change: (body: Y.XmlFragment) => void): Promise<void> {
    const doc = new Y.Doc();
    const { document } = await must(api.url, 'query($id: ID!) { document(id: $id) { update } }', { id });
    Y.applyUpdate(doc, fromBase64(document.update));
    const before = Y.encodeStateVector(doc);
    change(doc.getXmlFragment('default'));
    await must(api.url, PUSH_UPDATE, { id, update: toBase64(Y.encodeStateAsUpdate(doc, before)) });
  }

  const textOf = (body: Y.XmlFragment, block: number) => (body.get(block) as Y.XmlElement).get(0) as Y.XmlText;

  async function threads(id: string, includeResolved = false, as?: As): Promise<{ text: string; threads: Thread[] }> {
    return (await must(api.url, THREADS, { id, all: includeResolved }, as)).document;
  }

  /** A thread on the first occurrence of `quote`, by `as`. */
  async function comment(id: string, quote: string, body: string, as: As): Promise<Thread> {
    const { text } = await threads(id);
    const start = text.indexOf(quote);
    return (await must(api.url, CREATE_THREAD, { id, start, end: start + quote.length, body }, as)).createThread;
  }

  beforeAll(async () => {
    api = await startApi({ backend });
    commenter = await createAccount(api.url, 'Commenter');
    other = await createAccount(api.url, 'Other commenter');
  });
  afterAll(() => api?.close());

  it('a commenter discusses a passage: thread, replies, resolve and reopen', async () => {
    const id = await writeDocument('An opening line.', 'The launch is on Tuesday.');
    const thread = await comment(id, 'on Tuesday', 'Is Tuesday still right?', commenter.token);
    const { text } = await threads(id);
    expect(thread.quote).toBe('on Tuesday');
    expect(text.slice(thread.range!.start, thread.range!.end)).toBe('on Tuesday');
    expect(thread.resolved).toBe(false);
    expect(thread.comments).toEqual([
      expect.objectContaining({ body: 'Is Tuesday still right?', editedAt: null, author: { id: commenter.id, name: 'Commenter', email: commenter.email } }),
    ]);

    const reply = (await must(api.url, REPLY, { t: thread.id, body: '  Yes, confirmed.  ' }, other.token)).replyToThread;
    expect(reply).toMatchObject({ threadId: thread.id, body: 'Yes, confirmed.', author: { name: 'Other commenter' } });
    await must(api.url, REPLY, { t: thread.id, body: 'Thanks!' }, commenter.token);
    const second = await comment(id, 'An opening', 'Too plain?', other.token);

    let listed = (await threads(id)).threads;
    expect(listed.map((t) => t.id)).toEqual([thread.id, second.id]);
    expect(listed[0]!.comments.map((c) => c.body)).toEqual(['Is Tuesday still right?', 'Yes, confirmed.', 'Thanks!']);

    const resolved = (await must(api.url, RESOLVE, { t: thread.id, r: true }, other.token)).resolveThread;
    expect(resolved.resolved).toBe(true);
    expect((await threads(id)).threads.map((t) => t.id)).toEqual([second.id]);
    expect((await threads(id, true)).threads.map((t) => [t.id, t.resolved])).toEqual([
      [thread.id, true],
      [second.id, false],
    ]);
    await must(api.url, RESOLVE, { t: thread.id, r: false }, commenter.token);
    listed = (await threads(id)).threads;
    expect(listed.map((t) => t.id)).toEqual([thread.id, second.id]);
    // Commenting changed nothing in the body.
    expect((await threads(id)).text).toBe('An opening line.\nThe launch is on Tuesday.');
  });

  it('anchors follow concurrent edits from providers on WebSocket, SSE and polling', async () => {
    const id = await writeDocument('Intro', 'The quick brown fox jumps');
    const thread = await comment(id, 'brown fox', 'Which fox?', commenter.token);
    const peers = (['websocket', 'sse', 'polling'] as const).map((transport) => connectProvider(api.url, id, { transport, pollInterval: 100 }));
    try {
      await Promise.all(peers.map((peer) => peer.provider.whenSynced()));
      const [ws, sse, poll] = peers.map((peer) => textOf(peer.doc.getXmlFragment('default'), 1));
      // All at once, each on its own replica: before, inside and around the passage.
      ws!.insert(0, 'Look: ');
      sse!.insert('The quick brown'.length, ' red');
      poll!.delete('The '.length, 'quick '.length);
      textOf(peers[0]!.doc.getXmlFragment('default'), 0).insert(0, 'An ');
      await Promise.all(peers.map((peer) => peer.provider.flush()));
      await vi.waitFor(async () => expect((await threads(id)).text).toBe('An Intro\nLook: The brown red fox jumps'), { timeout: 15_000 });
      const [after] = (await threads(id)).threads;
      expect(after?.id).toBe(thread.id);
      expect(after?.quote).toBe('brown red fox');
      expect('An Intro\nLook: The brown red fox jumps'.slice(after!.range!.start, after!.range!.end)).toBe('brown red fox');
    } finally {
      for (const peer of peers) peer.provider.destroy();
    }
  });

  it('a thread whose text was deleted stays, with quote null', async () => {
    const id = await writeDocument('Keep me.', 'Delete this sentence.', 'And this paragraph.');
    const sentence = await comment(id, 'this sentence', 'Wordy.', commenter.token);
    const paragraph = await comment(id, 'this paragraph', 'Needed?', commenter.token);
    await edit(id, (body) => {
      textOf(body, 1).delete('Delete '.length, 'this sentence'.length);
      body.delete(2, 1);
    });
    const { threads: listed } = await threads(id);
    expect(listed.map((t) => [t.id, t.quote, t.range])).toEqual([
      [sentence.id, null, null],
      [paragraph.id, null, null],
    ]);
    // Still a discussion: it can be answered and resolved.
    await must(api.url, REPLY, { t: sentence.id, body: 'Gone now.' }, other.token);
    expect((await must(api.url, RESOLVE, { t: sentence.id, r: true }, other.token)).resolveThread.resolved).toBe(true);
  });

  it('restoring a version keeps every thread; anchors in text the version also has survive', async () => {
    const id = await writeDocument('Alpha stays the same.', 'Beta will change.');
    const version = (await must(api.url, 'mutation($id: ID!) { createSnapshot(documentId: $id) { version } }', { id })).createSnapshot.version;
    const alpha = await comment(id, 'stays the same', 'Good.', commenter.token);
    await edit(id, (body) => {
      textOf(body, 1).insert('Beta will change'.length, ' completely');
      const gamma = new Y.XmlElement('paragraph');
      gamma.insert(0, [new Y.XmlText('Gamma is new.')]);
      body.push([gamma]);
    });
    const gamma = await comment(id, 'Gamma', 'New paragraph?', other.token);
    await must(api.url, 'mutation($id: ID!, $v: Int!) { restoreSnapshot(documentId: $id, version: $v) { id } }', { id, v: version });
    const { text, threads: listed } = await threads(id);
    expect(text).toBe('Alpha stays the same.\nBeta will change.');
    expect(listed.map((t) => [t.id, t.quote])).toEqual([
      [alpha.id, 'stays the same'],
      [gamma.id, null],
    ]);
  });

  it('authors edit their own comments; authors and owners delete them; the first comment takes the thread along', async () => {
    const id = await writeDocument('Some text to discuss.');
    const thread = await comment(id, 'text', 'First.', commenter.token);
    const reply = (await must(api.url, REPLY, { t: thread.id, body: 'Second.' }, other.token)).replyToThread;

    const edited = (await must(api.url, EDIT, { c: reply.id, body: 'Second, edited.' }, other.token)).editComment;
    expect(edited.body).toBe('Second, edited.');
    expect(edited.editedAt).not.toBeNull();
    const notMine = await gql(api.url, EDIT, { c: reply.id, body: 'Hijacked' }, commenter.token);
    expect(notMine.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const ownerEdit = await gql(api.url, EDIT, { c: reply.id, body: 'Owners cannot either' });
    expect(ownerEdit.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const notMineToDelete = await gql(api.url, DELETE, { c: reply.id }, commenter.token);
    expect(notMineToDelete.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await threads(id)).threads[0]!.comments.map((c) => c.body)).toEqual(['First.', 'Second, edited.']);

    const third = (await must(api.url, REPLY, { t: thread.id, body: 'Third.' }, commenter.token)).replyToThread;
    expect((await must(api.url, DELETE, { c: third.id }, commenter.token)).deleteComment).toBe(true);
    // The administrator is an OWNER of every document.
    expect((await must(api.url, DELETE, { c: reply.id })).deleteComment).toBe(true);
    expect((await threads(id)).threads[0]!.comments.map((c) => c.body)).toEqual(['First.']);

    await must(api.url, REPLY, { t: thread.id, body: 'Again.' }, other.token);
    expect((await must(api.url, DELETE, { c: thread.comments[0]!.id }, commenter.token)).deleteComment).toBe(true);
    expect((await threads(id, true)).threads).toEqual([]);
    const gone = await gql(api.url, REPLY, { t: thread.id, body: 'Hello?' }, commenter.token);
    expect(gone.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses bad input with a clear code and changes nothing', async () => {
    const id = await writeDocument('abc', 'def');
    const thread = await comment(id, 'abc', 'Fine.', commenter.token);
    const cases: [Record<string, unknown>, string][] = [
      [{ id, start: 0, end: 2, body: '   ' }, 'BAD_USER_INPUT'],
      [{ id, start: 0, end: 2, body: 'x'.repeat(10_001) }, 'BAD_USER_INPUT'],
      [{ id, start: 2, end: 2, body: 'empty range' }, 'BAD_USER_INPUT'],
      [{ id, start: 5, end: 3, body: 'backwards' }, 'BAD_USER_INPUT'],
      [{ id, start: 1, end: 6, body: 'across blocks' }, 'BAD_USER_INPUT'],
      [{ id, start: 40, end: 42, body: 'past the end' }, 'BAD_USER_INPUT'],
      [{ id: '00000000-0000-0000-0000-000000000000', start: 0, end: 1, body: 'nowhere' }, 'NOT_FOUND'],
    ];
    for (const [variables, code] of cases) {
      const result = await gql(api.url, CREATE_THREAD, variables, commenter.token);
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(variables).slice(0, 80)).toBe(code);
    }
    expect((await gql(api.url, REPLY, { t: 'no-such-thread', body: 'x' }, commenter.token)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await gql(api.url, REPLY, { t: thread.id, body: '' }, commenter.token)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await gql(api.url, EDIT, { c: 'no-such-comment', body: 'x' }, commenter.token)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await gql(api.url, DELETE, { c: 'no-such-comment' }, commenter.token)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const { threads: listed } = await threads(id, true);
    expect(listed.map((t) => [t.id, t.comments.length])).toEqual([[thread.id, 1]]);
  });

  it('a guest with a share link reads threads without members’ addresses, and may not comment', async () => {
    const id = await writeDocument('Shared text.');
    await comment(id, 'Shared', 'Hello.', commenter.token);
    const link = await shareLink(api.url, id, 'EDITOR');
    const { threads: seen } = await threads(id, false, link.token);
    expect(seen[0]!.comments[0]!.author).toEqual({ id: commenter.id, name: 'Commenter', email: '' });
    const refused = await gql(api.url, CREATE_THREAD, { id, start: 0, end: 6, body: 'As a guest' }, link.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  describe.each(['websocket', 'sse'] as const)('threadEvents over %s', (transport) => {
    it('tells every change as it happens', async () => {
      const id = await writeDocument('Live discussion here.');
      const probe = await comment(id, 'Live', 'Probe.', commenter.token);
      const client = transport === 'websocket' ? wsClient(api.wsUrl, other.token) : sseClient(api.streamUrl, other.token);
      const events = subscription<{ threadEvents: { kind: string; thread: Thread } }>(client, THREAD_EVENTS, { id });
      try {
        // Subscribed once a change reaches it (there is no first event to wait for).
        await vi.waitFor(
          async () => {
            await must(api.url, RESOLVE, { t: probe.id, r: false }, commenter.token);
            expect(events.events.length).toBeGreaterThan(0);
          },
          { timeout: 10_000, interval: 200 },
        );
        const thread = await comment(id, 'discussion', 'Live comment.', commenter.token);
        // The probe's own events may still be arriving: only this thread's count.
        const seen = () => events.events.map((event) => event.data!.threadEvents).filter((event) => event.thread.id === thread.id);
        const reply = (await must(api.url, REPLY, { t: thread.id, body: 'Live reply.' }, other.token)).replyToThread;
        await must(api.url, EDIT, { c: reply.id, body: 'Live reply, edited.' }, other.token);
        await must(api.url, RESOLVE, { t: thread.id, r: true }, commenter.token);
        await must(api.url, DELETE, { c: thread.comments[0]!.id }, commenter.token);
        await vi.waitFor(() => expect(seen()).toHaveLength(5), { timeout: 10_000 });
        const kinds = seen().map((event) => [event.kind, event.thread.id]);
        expect(kinds).toEqual([
          ['CREATED', thread.id],
          ['UPDATED', thread.id],
          ['UPDATED', thread.id],
          ['UPDATED', thread.id],
          ['DELETED', thread.id],
        ]);
        const [created, replied, edited, resolved, deleted] = seen().map((event) => event.thread);
        expect(created!.quote).toBe('discussion');
        expect(replied!.comments.map((c) => c.body)).toEqual(['Live comment.', 'Live reply.']);
        expect(edited!.comments[1]!.body).toBe('Live reply, edited.');
        expect(resolved!.resolved).toBe(true);
        expect(deleted!.comments.map((c) => c.body)).toEqual(['Live comment.', 'Live reply, edited.']);
        expect(events.events.every((event) => !event.errors)).toBe(true);
        expect(events.events.filter((event) => event.data!.threadEvents.thread.id === probe.id).every((event) => event.data!.threadEvents.kind === 'UPDATED')).toBe(true);
      } finally {
        events.dispose();
        await (client as { dispose(): unknown }).dispose();
      }
    });
  });

  describe.each(['websocket', 'sse', 'polling'] as const)('a provider watching threads over %s', (transport) => {
    it('hears the list, then every change, live', async () => {
      const id = await writeDocument('Watched passage.', 'Another one.');
      const first = await comment(id, 'Watched', 'Before watching.', commenter.token);
      const { provider } = connectProvider(api.url, id, { transport, pollInterval: 100, token: other.token });
      const heard: { id: string; resolved: boolean; bodies: string[] }[][] = [];
      const stop = provider.watchThreads((threads) =>
        heard.push(threads.map((t) => ({ id: t.id, resolved: t.resolved, bodies: t.comments.map((c) => c.body) }))),
      );
      const latest = () => heard.at(-1) ?? [];
      try {
        await vi.waitFor(() => expect(latest()).toEqual([{ id: first.id, resolved: false, bodies: ['Before watching.'] }]), { timeout: 10_000 });
        const second = await comment(id, 'Another', 'While watching.', commenter.token);
        await must(api.url, REPLY, { t: first.id, body: 'A reply.' }, commenter.token);
        await must(api.url, RESOLVE, { t: second.id, r: true }, commenter.token);
        await vi.waitFor(
          () =>
            expect(latest()).toEqual([
              { id: first.id, resolved: false, bodies: ['Before watching.', 'A reply.'] },
              { id: second.id, resolved: true, bodies: ['While watching.'] },
            ]),
          { timeout: 10_000 },
        );
        await must(api.url, DELETE, { c: first.comments[0]!.id }, commenter.token);
        await vi.waitFor(() => expect(latest().map((t) => t.id)).toEqual([second.id]), { timeout: 10_000 });
        expect(provider.status.transport).toBe(transport);
      } finally {
        stop();
        provider.destroy();
      }
    });
  });
});
