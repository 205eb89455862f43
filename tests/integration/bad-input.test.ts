// Bad input gets the contract's code, changes nothing stored, and the server keeps answering.
import { rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, startApi, tempDir, type TestApi } from '../support/api.js';
import { createDocument, DOCUMENT_EVENTS, docWithParagraphs, endsWith, fromBase64, gql, must, PUSH_UPDATE, sseClient, subscription, toBase64, wsClient } from '../support/clients.js';

const LIMIT = 64 * 1024;
const STATE = 'query($id: ID!) { document(id: $id) { text stateVector updatedAt snapshots { nodes { version } } } }';

/** Deterministic pseudo-random bytes, so a failure can be replayed. */
function noise(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    bytes[i] = x >> 16;
  }
  return bytes;
}

describe.each(backends)('bad input (%s)', (backend) => {
  let api: TestApi;
  let id: string;
  let valid: Uint8Array;

  beforeAll(async () => {
    api = await startApi({ backend, env: { MAX_UPDATE_BYTES: String(LIMIT) } });
    id = await createDocument(api.url);
    valid = Y.encodeStateAsUpdate(docWithParagraphs('kept'));
    await must(api.url, PUSH_UPDATE, { id, update: toBase64(valid) });
  });
  afterAll(() => api?.close());

  const cases: { name: string; code: string; request: () => { query: string; variables: Record<string, unknown> } }[] = [
    { name: 'base64 with a bad character', code: 'BAD_USER_INPUT', request: () => ({ query: PUSH_UPDATE, variables: { id, update: 'AAE*' } }) },
    { name: 'base64 without padding', code: 'BAD_USER_INPUT', request: () => ({ query: PUSH_UPDATE, variables: { id, update: 'AAE' } }) },
    { name: 'random bytes', code: 'BAD_USER_INPUT', request: () => ({ query: PUSH_UPDATE, variables: { id, update: toBase64(noise(256, 7)) } }) },
    { name: 'a truncated update', code: 'BAD_USER_INPUT', request: () => ({ query: PUSH_UPDATE, variables: { id, update: toBase64(valid.slice(0, valid.length - 3)) } }) },
    { name: 'an unknown document id', code: 'NOT_FOUND', request: () => ({ query: PUSH_UPDATE, variables: { id: 'no-such-document', update: toBase64(valid) } }) },
    { name: 'an update over the size limit', code: 'PAYLOAD_TOO_LARGE', request: () => ({ query: PUSH_UPDATE, variables: { id, update: toBase64(noise(LIMIT + 1, 3)) } }) },
    { name: 'a body far over the HTTP limit', code: 'PAYLOAD_TOO_LARGE', request: () => ({ query: PUSH_UPDATE, variables: { id, update: toBase64(noise(LIMIT * 3, 5)) } }) },
    { name: 'too many aliases', code: 'BAD_USER_INPUT', request: () => ({ query: `{ ${Array.from({ length: 50 }, (_, i) => `a${i}: document(id: "x") { id }`).join(' ')} }`, variables: {} }) },
    { name: 'too many tokens', code: 'BAD_USER_INPUT', request: () => ({ query: `{ ${'__typename '.repeat(5000)} }`, variables: {} }) },
    { name: 'a page size over 100', code: 'BAD_USER_INPUT', request: () => ({ query: '{ documents(first: 1000000) { nodes { id } } }', variables: {} }) },
    { name: 'an unknown version', code: 'NOT_FOUND', request: () => ({ query: 'mutation($id: ID!) { restoreSnapshot(documentId: $id, version: 999) { id } }', variables: { id } }) },
    { name: 'a malformed awareness update', code: 'BAD_USER_INPUT', request: () => ({ query: 'mutation($id: ID!) { pushAwareness(documentId: $id, update: "AQID") }', variables: { id } }) },
    { name: 'a forged cursor', code: 'BAD_USER_INPUT', request: () => ({ query: '{ documents(after: "bm90IGEgY3Vyc29y") { nodes { id } } }', variables: {} }) },
    { name: 'a NUL character in the origin', code: 'BAD_USER_INPUT', request: () => ({ query: PUSH_UPDATE, variables: { id, update: toBase64(Y.encodeStateAsUpdate(docWithParagraphs('x'))), origin: 'a\u0000b' } }) },
    { name: 'a NUL character in a title', code: 'BAD_USER_INPUT', request: () => ({ query: 'mutation($id: ID!) { renameDocument(id: $id, title: "a\\u0000b") { id } }', variables: { id } }) },
    { name: 'a NUL character in an ID (found by fuzzing)', code: 'BAD_USER_INPUT', request: () => ({ query: 'mutation($id: ID!) { unshareDocument(documentId: $id, userId: "x") }', variables: { id: '\u0000' } }) },
    { name: 'an empty title', code: 'BAD_USER_INPUT', request: () => ({ query: 'mutation($id: ID!) { renameDocument(id: $id, title: "  ") { id } }', variables: { id } }) },
  ];

  it.each(cases)('$name → $code, nothing changes', async ({ code, request }) => {
    const before = await must(api.url, STATE, { id });
    const { query, variables } = request();
    const result = await gql(api.url, query, variables);
    expect(result.errors?.[0]?.extensions?.code, JSON.stringify(result.errors)).toBe(code);
    expect(await must(api.url, STATE, { id })).toEqual(before);
    expect((await must<{ document: { text: string } }>(api.url, STATE, { id })).document.text).toBe('kept');
  });

  it.each(['graphql-ws', 'graphql-sse'] as const)('ends documentEvents of an unknown document over %s with NOT_FOUND, and keeps serving', async (transport) => {
    const client = transport === 'graphql-ws' ? wsClient(api.wsUrl) : sseClient(api.streamUrl);
    await endsWith(subscription(client, DOCUMENT_EVENTS, { id: 'no-such-document' }), 'NOT_FOUND');
    client.dispose();
    expect((await must<{ document: { text: string } }>(api.url, STATE, { id })).document.text).toBe('kept');
  });

  it.each([
    ['a syntax error', '{ document(id: "x") { id }', 'GRAPHQL_PARSE_FAILED'],
    ['an unknown field', '{ nothingHere }', 'GRAPHQL_VALIDATION_FAILED'],
  ])('answers %s over graphql-ws with the code HTTP gives it (%s)', async (_name, query, code) => {
    const client = wsClient(api.wsUrl);
    await endsWith(subscription(client, query, {}), code);
    client.dispose();
    // And HTTP still does after it (yoga's parser cache shares the error between transports).
    expect((await gql(api.url, query)).errors?.[0]?.extensions?.code).toBe(code);
  });

  it('rejects a streamed (chunked) body over the limit with PAYLOAD_TOO_LARGE as it arrives', async () => {
    const before = await must(api.url, STATE, { id });
    const body = JSON.stringify({ query: PUSH_UPDATE, variables: { id, update: toBase64(noise(LIMIT * 3, 11)) } });
    const target = new URL(api.url);
    const [status, text] = await new Promise<[number, string]>((resolve, reject) => {
      const request = httpRequest(
        { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
        (response) => {
          let received = '';
          response.on('data', (chunk) => (received += chunk));
          response.on('end', () => resolve([response.statusCode ?? 0, received]));
        },
      );
      request.on('error', reject);
      for (let at = 0; at < body.length; at += 16 * 1024) request.write(body.slice(at, at + 16 * 1024));
      request.end();
    });
    expect(status).toBe(413);
    expect(JSON.parse(text).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await must(api.url, STATE, { id })).toEqual(before);
  });

  it('closes a WebSocket whose message is far over the limit with 1009, and keeps serving', async () => {
    const client = wsClient(api.wsUrl);
    const closed = new Promise<number>((resolve) => client.on('closed', (event) => resolve((event as { code: number }).code)));
    client.subscribe({ query: PUSH_UPDATE, variables: { id, update: toBase64(noise(LIMIT * 4, 9)) } }, { next: () => {}, error: () => {}, complete: () => {} });
    expect(await closed).toBe(1009);
    await client.dispose();
    expect((await must<{ document: { text: string } }>(api.url, STATE, { id })).document.text).toBe('kept');
  });
});

/**
 * A document in a fixed state (client 1's edits), and an update crafted to decode cleanly but
 * throw inside Yjs when applied on top of it: its items claim a parent that is not a type.
 */
function fixedState(): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = 1;
  const body = doc.getXmlFragment('default');
  for (let i = 0; i < 3; i++) {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.setAttribute('a', 'b');
    const text = new Y.XmlText(`hello world ${i}`);
    paragraph.insert(0, [text]);
    body.push([paragraph]);
    text.format(1, 3, { bold: true });
  }
  ((body.get(1) as Y.XmlElement).get(0) as Y.XmlText).delete(2, 3);
  const map = new Y.Map();
  doc.getMap('m').set('a', map);
  const array = new Y.Array();
  map.set('x', array);
  array.push([1, 's', { o: 1 }]);
  doc.getText('t').insert(0, 'abc');
  return Y.encodeStateAsUpdate(doc);
}
const THROWS_WHEN_APPLIED =
  'AQkCAMYBBAEFBml0YWxpYwR0cnVlxgIAAQUEYm9sZARudWxsxAIBAQUDWFlaxgIEAQUGaXRhbGljBG51bGzGAlgBBQRib2xkBHRydWUoAAEkAXgBdwF5hwETAwloYXJkQnJlYWvHATgBOQEoAAE2AXEBdwFyAQECFgM8AQ==';

describe.each(backends)('an update that decodes but throws when applied (%s)', (backend) => {
  const dataDir = tempDir();
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is refused with BAD_USER_INPUT, is not stored, and the document still loads after a restart', async () => {
    let api = await startApi({ backend, dataDir });
    const id = await createDocument(api.url);
    await must(api.url, PUSH_UPDATE, { id, update: toBase64(fixedState()) });
    const before = await must(api.url, STATE, { id });
    expect(Y.decodeUpdate(fromBase64(THROWS_WHEN_APPLIED)).structs.length).toBeGreaterThan(0);

    const result = await gql(api.url, PUSH_UPDATE, { id, update: THROWS_WHEN_APPLIED });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await must(api.url, STATE, { id })).toEqual(before);

    await api.close();
    api = await startApi({ backend, dataDir });
    try {
      expect(await must(api.url, STATE, { id })).toEqual(before);
      expect((await gql(api.url, PUSH_UPDATE, { id, update: toBase64(Y.encodeStateAsUpdate(docWithParagraphs('later'))) })).errors).toBeUndefined();
    } finally {
      await api.close();
    }
  });
});
