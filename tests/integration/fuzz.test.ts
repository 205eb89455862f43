// Fuzzing a live API (issue 11): an editor sends seeded random and mutated input (Yjs updates
// with bits flipped, cut short, spliced, under someone else's clientID or missing what they
// build on; awareness payloads; GraphQL documents generated from the schema and mutated). After
// every batch the API must still answer, the document must still load and equal what an honest
// client holds, the honest client's own edit must go through, and Yjs must hold nothing pending.
//
// Replay a failure with FUZZ_SEED=<seed printed below>; FUZZ_CASES sets the number of cases of
// each kind (default 300).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isListType,
  isObjectType,
  isScalarType,
  type GraphQLInputType,
  type GraphQLObjectType,
} from 'graphql';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApi, WITHOUT_LIMITS, type TestApi } from '../support/api.js';
import { editorsOf } from '../support/callers.js';
import { createDocument, gql, PUSH_UPDATE, subscription, toBase64, wsClient, type GraphQLResponse } from '../support/clients.js';
import { appendParagraph } from '../support/docs.js';
import { connectProvider } from '../support/providers.js';
import { prng } from '../support/random.js';

const SEED = Number(process.env.FUZZ_SEED) || Math.floor(Math.random() * 2 ** 31);
const CASES = Number(process.env.FUZZ_CASES) || 300;
const BATCH = 50;
const MAX_UPDATE_BYTES = 64 * 1024;

/** Codes a request may end with; anything else (INTERNAL_SERVER_ERROR above all) is a finding. */
const EXPECTED_CODES = new Set([
  'BAD_USER_INPUT',
  'FORBIDDEN',
  'NOT_FOUND',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'UNAUTHENTICATED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  // graphql-yoga's for a request that names no operation among several, or is not GraphQL at all.
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

const SCHEMA = buildSchema(readFileSync(fileURLToPath(new URL('../../apps/api/schema.graphql', import.meta.url)), 'utf8'));

type Random = ReturnType<typeof prng>;

// --- bytes ----------------------------------------------------------------------------------

function randomBytes(random: Random, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => random.int(256));
}

/** One of the classic byte mutations of `input` (and `other`, for splicing). */
function mutate(random: Random, input: Uint8Array, other: Uint8Array): [string, Uint8Array] {
  const bytes = Uint8Array.from(input);
  switch (random.int(6)) {
    case 0: {
      for (let flips = 1 + random.int(4); flips > 0 && bytes.length > 0; flips--) bytes[random.int(bytes.length)]! ^= 1 << random.int(8);
      return ['bit flips', bytes];
    }
    case 1:
      return ['truncated', bytes.slice(0, random.int(bytes.length))];
    case 2:
      return ['spliced', Uint8Array.from([...bytes.slice(0, random.int(bytes.length + 1)), ...other.slice(random.int(other.length + 1))])];
    case 3: {
      const at = random.int(bytes.length + 1);
      return ['bytes inserted', Uint8Array.from([...bytes.slice(0, at), ...randomBytes(random, 1 + random.int(8)), ...bytes.slice(at)])];
    }
    case 4: {
      const from = random.int(bytes.length + 1);
      const slice = bytes.slice(from, from + 1 + random.int(16));
      return ['slice repeated', Uint8Array.from([...bytes.slice(0, from), ...slice, ...slice, ...bytes.slice(from)])];
    }
    default:
      return ['random bytes', randomBytes(random, random.int(512))];
  }
}

// --- GraphQL documents ----------------------------------------------------------------------

/** Fields that would end the fuzzing caller's own session or sign-in budget: not useful here. */
const SKIPPED_FIELDS = new Set(['signOut', 'signIn', 'signUp', 'setAccountDisabled', 'deleteAccount']);

function randomValue(random: Random, type: GraphQLInputType, ids: string[], depth = 0): unknown {
  if (random.int(12) === 0) return random.pick([null, 42, 'x', true, [], {}, -1, 1e12, '\u0000']);
  const nullable = getNullableType(type);
  if (isListType(nullable)) return depth > 2 ? [] : Array.from({ length: random.int(3) }, () => randomValue(random, nullable.ofType, ids, depth + 1));
  if (isEnumType(nullable)) return random.pick(nullable.getValues()).value;
  if (isInputObjectType(nullable)) {
    const value: Record<string, unknown> = {};
    if (depth > 2) return value;
    for (const field of Object.values(nullable.getFields())) value[field.name] = randomValue(random, field.type, ids, depth + 1);
    return value;
  }
  if (isScalarType(nullable)) {
    switch (nullable.name) {
      case 'ID':
        return random.pick([...ids, 'no-such-id', '']);
      case 'Int':
        return random.pick([0, 1, 5, -3, 100, 2 ** 31 - 1, 2 ** 31]);
      case 'Float':
        return random.next() * 1000;
      case 'Boolean':
        return random.int(2) === 0;
      case 'Base64':
        return Buffer.from(randomBytes(random, random.int(64))).toString('base64');
      default:
        return random.pick([random.word(), '', 'x'.repeat(300), '2026-01-01T00:00:00Z', '{"a":1}']);
    }
  }
  return null;
}

/** Fields of `type` to select, nested up to depth 3; only fields whose arguments may be left out. */
function selection(random: Random, type: GraphQLObjectType, depth: number): string {
  const fields = Object.values(type.getFields()).filter((field) => field.args.every((arg) => getNullableType(arg.type) === arg.type));
  if (fields.length === 0) return '__typename';
  const parts = Array.from({ length: 1 + random.int(4) }, () => {
    const field = random.pick(fields);
    const named = getNamedType(field.type);
    if (isObjectType(named)) return depth >= 3 ? '__typename' : `${field.name} { ${selection(random, named, depth + 1)} }`;
    if (isAbstractType(named)) return `${field.name} { __typename }`;
    return field.name;
  });
  return [...new Set(parts)].join(' ');
}

/** A query or mutation built from the schema, with variables of roughly the right types. */
function generatedOperation(random: Random, ids: string[]): { query: string; variables: Record<string, unknown> } {
  const root = random.int(3) === 0 ? SCHEMA.getMutationType()! : SCHEMA.getQueryType()!;
  const fields = Object.values(root.getFields()).filter((field) => !SKIPPED_FIELDS.has(field.name));
  const field = random.pick(fields);
  const args = field.args.filter((arg) => getNullableType(arg.type) !== arg.type || random.int(2) === 0);
  const variables: Record<string, unknown> = {};
  for (const arg of args) variables[arg.name] = randomValue(random, arg.type, ids);
  const named = getNamedType(field.type);
  const body = isObjectType(named) ? ` { ${selection(random, named, 1)} }` : isAbstractType(named) ? ' { __typename }' : '';
  const definitions = args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const call = args.length ? `${field.name}(${args.map((arg) => `${arg.name}: $${arg.name}`).join(', ')})` : field.name;
  const keyword = root === SCHEMA.getMutationType() ? 'mutation' : 'query';
  return { query: `${keyword}${definitions ? `(${definitions})` : ''} { ${call}${body} }`, variables };
}

/** Text-level mutations of a GraphQL document. */
function mutatedQuery(random: Random, query: string): string {
  const tokens = ['{', '}', '(', ')', '$', '...', '@include', ':', '"', '#', '\\u0000', 'fragment F on Query { me { id } }', 'query', ' __schema { types { name } }'];
  let text = query;
  for (let edits = 1 + random.int(3); edits > 0; edits--) {
    const at = random.int(text.length + 1);
    switch (random.int(3)) {
      case 0:
        text = text.slice(0, at) + random.pick(tokens) + text.slice(at);
        break;
      case 1:
        text = text.slice(0, at) + text.slice(at + 1 + random.int(8));
        break;
      default:
        text = text.slice(0, at) + text.slice(random.int(text.length + 1));
    }
  }
  return text;
}

// --- the run --------------------------------------------------------------------------------

describe('fuzzing a live API', () => {
  let api: TestApi;
  let id: string;
  let tokens: Record<string, string>;
  const random = prng(SEED);
  const counts: Record<string, number> = {};
  const codes: Record<string, number> = {};

  beforeAll(async () => {
    console.log(`[fuzz] FUZZ_SEED=${SEED} FUZZ_CASES=${CASES}`);
    api = await startApi({ env: { ...WITHOUT_LIMITS, MAX_UPDATE_BYTES: String(MAX_UPDATE_BYTES), QUARANTINE_MAX_BYTES: String(256 * 1024) } });
    id = await createDocument(api.url, 'Fuzzed');
    tokens = await editorsOf(api.url, id, 'Honest', 'Fuzzer', 'Reader');
  });
  afterAll(async () => {
    await socket?.dispose();
    console.log(`[fuzz] seed ${SEED}: cases ${JSON.stringify(counts)}; answers ${JSON.stringify(codes)}`);
    await api?.close();
  });

  /** A Y.Doc whose clientID comes from the seed too, so that FUZZ_SEED replays the same bytes. */
  function seededDoc(): Y.Doc {
    const doc = new Y.Doc();
    doc.clientID = 1 + random.int(2 ** 31 - 1);
    return doc;
  }

  function count(kind: string): void {
    counts[kind] = (counts[kind] ?? 0) + 1;
  }

  /** Sends one request as the fuzzer; fails on an answer outside the contract's codes. */
  async function send(kind: string, query: string, variables: Record<string, unknown>): Promise<void> {
    // Half the cases over HTTP, half over one graphql-ws connection (each transport has its own error paths).
    const overWebSocket = random.int(2) === 0;
    count(`${kind} (${overWebSocket ? 'ws' : 'http'})`);
    const result = overWebSocket
      ? await viaWebSocket(query, variables)
      : await gql(api.url, query, variables, tokens.Fuzzer).catch((error: Error) => ({ errors: [{ message: error.message, extensions: { code: 'NO_JSON' } }] }));
    for (const error of result.errors ?? []) {
      const code = error.extensions?.code ?? 'NONE';
      codes[code] = (codes[code] ?? 0) + 1;
      expect(EXPECTED_CODES.has(code), `seed ${SEED}, ${kind}: ${code} ${error.message}\n${query}\n${JSON.stringify(variables).slice(0, 500)}`).toBe(true);
    }
    if (!result.errors) codes.OK = (codes.OK ?? 0) + 1;
  }

  let socket: ReturnType<typeof wsClient> | null = null;
  async function viaWebSocket(query: string, variables: Record<string, unknown>): Promise<GraphQLResponse> {
    socket ??= wsClient(api.wsUrl, tokens.Fuzzer, { lazy: false });
    const operation = subscription(socket, query, variables);
    try {
      return await operation.next(10_000);
    } catch (error) {
      // graphql-ws answers a document it cannot run with an Error message, which ends the
      // operation with those GraphQL errors; anything else closed the socket (4500: the server failed).
      const ended = operation.error;
      if (Array.isArray(ended)) return { errors: ended as GraphQLResponse['errors'] };
      const code = (ended as { code?: number } | null)?.code;
      void socket.dispose();
      socket = null;
      return { errors: [{ message: String((error as Error).message), extensions: { code: code === 4400 ? 'BAD_USER_INPUT' : `WS_CLOSED_${code}` } }] };
    } finally {
      operation.dispose();
    }
  }

  /** The invariants: the API answers, the honest client's edit goes in, everyone agrees, nothing pending. */
  async function checkHealthy(honest: { doc: Y.Doc; provider: ReturnType<typeof connectProvider>['provider'] }, round: number): Promise<void> {
    const answered = await gql(api.url, '{ __typename }', {}, tokens.Honest);
    expect(answered.data).toEqual({ __typename: 'Query' });

    const client = honest.doc.clientID;
    const from = Y.getState(honest.doc.store, client);
    appendParagraph(honest.doc, `honest ${round}`);
    const to = Y.getState(honest.doc.store, client);
    await honest.provider.flush();
    const live = api.documents.registry.get(id)!;
    expect(live.doc.store.pendingStructs, `seed ${SEED}: pending structs`).toBeNull();
    expect(live.doc.store.pendingDs, `seed ${SEED}: pending deletions`).toBeNull();
    // Both waited for: a deletion changes the content but not the state vector.
    await vi.waitFor(() => {
      expect(Buffer.from(Y.encodeStateVector(honest.doc)).equals(Buffer.from(live.stateVector()))).toBe(true);
      expect(honest.doc.getXmlFragment('default').toString()).toBe(live.doc.getXmlFragment('default').toString());
    }, { timeout: 10_000 });
    // The honest edit went in whole: none of its clocks is deleted, also not by a deletion held
    // back for them (update-guard.ts). Text the fuzzer placed next to clocks it could only guess
    // may land inside it once they arrive; any editor may insert there, so that is no finding.
    expect(Y.getState(live.doc.store, client)).toBeGreaterThanOrEqual(to);
    const deleted = Y.createDeleteSetFromStructStore(live.doc.store);
    for (let clock = from; clock < to; clock++) expect(Y.isDeleted(deleted, Y.createID(client, clock)), `seed ${SEED}: honest ${round} deleted`).toBe(false);

    // A newcomer loads the document and gets the same.
    const { doc, provider } = connectProvider(api.url, id, { token: tokens.Reader });
    try {
      await provider.whenSynced();
      expect(doc.getXmlFragment('default').toString()).toBe(live.doc.getXmlFragment('default').toString());
    } finally {
      provider.destroy();
    }
  }

  it(`survives ${CASES} updates, ${CASES} awareness payloads and ${CASES} GraphQL documents per kind`, async () => {
    const honestDoc = seededDoc();
    const { provider } = connectProvider(api.url, id, { doc: honestDoc, token: tokens.Honest });
    const honest = { doc: honestDoc, provider };
    try {
      await provider.whenSynced();
      appendParagraph(honestDoc, 'honest start');
      await provider.flush();
      let round = 0;

      // Yjs updates.
      let fuzzer = seededDoc();
      let previous = appendParagraph(seededDoc(), 'seed');
      for (let n = 0; n < CASES; n++) {
        const live = api.documents.registry.get(id)!;
        Y.applyUpdate(fuzzer, Y.encodeStateAsUpdate(live.doc));
        const real = realEdit(random, fuzzer);
        let kind: string;
        let update: Uint8Array;
        switch (random.int(5)) {
          case 0:
            [kind, update] = ['honest edit', real];
            break;
          case 1:
            [kind, update] = ["under the honest client's clientID", forgedEdit(random, live.doc, honestDoc.clientID)];
            break;
          case 2: {
            // The second of two edits without the first: it misses what it builds on. The
            // fuzzer then starts over under a new clientID, or all its edits would miss it.
            realEdit(random, fuzzer);
            [kind, update] = ['missing its dependencies', realEdit(random, fuzzer)];
            fuzzer = seededDoc();
            break;
          }
          default:
            [kind, update] = mutate(random, real, previous);
        }
        previous = real;
        await send(`update: ${kind}`, PUSH_UPDATE, { id, update: toBase64(update) });
        if ((n + 1) % BATCH === 0) await checkHealthy(honest, ++round);
      }

      // Awareness payloads: random, and real ones mutated.
      const awareness = new awarenessProtocol.Awareness(seededDoc());
      for (let n = 0; n < CASES; n++) {
        awareness.setLocalState({ user: { name: random.word(), color: '#123456' }, cursor: { anchor: random.int(100) } });
        const real = awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]);
        const [kind, update] = random.int(3) === 0 ? ['real', real] : mutate(random, real, real);
        await send(`awareness: ${kind}`, 'mutation($id: ID!, $update: Base64!) { pushAwareness(documentId: $id, update: $update) }', { id, update: toBase64(update) });
        if ((n + 1) % BATCH === 0) await checkHealthy(honest, ++round);
      }
      awareness.destroy();

      // GraphQL documents: generated from the schema, and those mutated.
      for (let n = 0; n < CASES; n++) {
        const operation = generatedOperation(random, [id]);
        if (random.int(2) === 0) await send('graphql: generated', operation.query, operation.variables);
        else await send('graphql: mutated', mutatedQuery(random, operation.query), operation.variables);
        if ((n + 1) % BATCH === 0) await checkHealthy(honest, ++round);
      }
      await checkHealthy(honest, ++round);
    } finally {
      provider.destroy();
    }
  });
});

/** An edit a real editor could make to `doc`, as its update. */
function realEdit(random: Random, doc: Y.Doc): Uint8Array {
  const before = Y.encodeStateVector(doc);
  const body = doc.getXmlFragment('default');
  const blocks = body.toArray().filter((block): block is Y.XmlElement => block instanceof Y.XmlElement);
  const choice = random.int(4);
  if (choice === 0 && body.length > 1) body.delete(random.int(body.length), 1);
  else if (choice === 1 && blocks.length > 0) {
    const text = random.pick(blocks).get(0);
    if (text instanceof Y.XmlText) text.insert(random.int(text.length + 1), random.word(), random.int(2) ? { bold: true } : undefined);
    else appendParagraph(doc, random.word());
  } else {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(`${random.word()} ${random.word()}`)]);
    body.insert(random.int(body.length + 1), [paragraph]);
  }
  return Y.encodeStateAsUpdate(doc, before);
}

/** An edit made under someone else's clientID, continuing it from the server's state. */
function forgedEdit(random: Random, server: Y.Doc, clientID: number): Uint8Array {
  const forged = new Y.Doc();
  Y.applyUpdate(forged, Y.encodeStateAsUpdate(server));
  forged.clientID = clientID;
  return realEdit(random, forged);
}
