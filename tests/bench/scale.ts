// Scale a team server meets (issue 8, point 4): memory at rest (both backends), the memory
// each idle connection costs (documentEvents + awarenessEvents on one socket) for a small and
// a large document, against y-websocket and Hocuspocus holding the same sockets; and how long
// a client waits for its SYNC of a document read cold after a restart: 20 MB written as many
// small updates, and 10,000 updates not yet in any version. The API runs built, as
// `npm run start:api` runs it.
import { rmSync } from 'node:fs';
import * as Y from 'yjs';
import { type Backend, tempDir } from '../support/api.js';
import { createDocument, DOCUMENT_EVENTS, PUSH_UPDATE, subscription, toBase64, wsClient } from '../support/clients.js';
import { connectPeer, PEER_LABEL, PEERS, startPeer } from './peers.js';
import { progress } from './stats.js';
import { freePort } from '../support/ports.js';
import { benchApi, heapAfterGc, rssMiB } from './tandem-api.js';

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const AWARENESS_EVENTS = 'subscription($id: ID!) { awarenessEvents(documentId: $id) { update } }';
const IDLE_CONNECTIONS = Number(process.env.BENCH_IDLE_CONNECTIONS ?? 1000);

export interface RestResult {
  backend: Backend;
  fresh: number;
  restarted: number;
}

/**
 * RSS in MiB a few seconds after start, on an empty data folder and again after a restart,
 * before anyone signs in (hashing a password takes tens of MB that the heap keeps a while).
 */
export async function memoryAtRest(backend: Backend): Promise<RestResult> {
  const dataDir = tempDir('tandem-bench-rest-');
  const measure = async () => {
    const api = await benchApi(backend, {}, { dataDir, built: true, admin: false });
    try {
      await settle(3000);
      return await rssMiB(api.pid!);
    } finally {
      await api.stop();
    }
  };
  try {
    return { backend, fresh: await measure(), restarted: await measure() };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export interface IdleResult {
  server: string;
  documentBytes: number;
  connections: number;
  /** JavaScript heap in use after a full collection, grown per connection. */
  heapKibEach: number;
  /** RSS grown per connection (read after that collection; noisier). */
  rssKibEach: number;
}

interface MemoryReading {
  heap: number;
  rss: number;
}

async function reading(pid: number, inspectPort: number): Promise<MemoryReading> {
  await settle(1000);
  const heap = await heapAfterGc(inspectPort);
  return { heap, rss: await rssMiB(pid) };
}

const perConnection = (before: MemoryReading, after: MemoryReading, count: number) => ({
  heapKibEach: ((after.heap - before.heap) * 1024) / count,
  rssKibEach: ((after.rss - before.rss) * 1024) / count,
});

/** A document of about `bytes` (one paragraph of text), pushed as one update. */
function documentOf(bytes: number): Y.Doc {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText('x'.repeat(bytes))]);
  doc.getXmlFragment('default').insert(0, [paragraph]);
  return doc;
}

/** Holds `count` idle subscribers of one document; returns the API's growth per connection. */
export async function tandemIdle(backend: Backend, documentBytes: number, count = IDLE_CONNECTIONS): Promise<IdleResult> {
  const inspectPort = await freePort();
  const api = await benchApi(backend, { MAX_UPDATE_BYTES: String(8 * 1024 * 1024) }, { built: true, nodeArgs: [`--inspect=127.0.0.1:${inspectPort}`] });
  const clients: ReturnType<typeof wsClient>[] = [];
  try {
    const id = await createDocument(api.url, 'idle connections');
    const doc = documentOf(documentBytes);
    const writer = wsClient(api.wsUrl, undefined, { lazy: false });
    clients.push(writer);
    await subscription(writer, PUSH_UPDATE, { id, update: toBase64(Y.encodeStateAsUpdate(doc)) }).next(60_000);
    // Clients that already hold the document (their SYNC is empty): what is measured is the
    // connection, not one SYNC's worth of bytes in flight.
    const sv = toBase64(Y.encodeStateVector(doc));
    const before = await reading(api.pid!, inspectPort);
    for (let i = 0; i < count; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, count - i) }, async () => {
          const client = wsClient(api.wsUrl, undefined, { lazy: false });
          clients.push(client);
          await subscription(client, DOCUMENT_EVENTS, { id, sv }).next(60_000);
          await subscription(client, AWARENESS_EVENTS, { id }).next(60_000);
        }),
      );
    }
    const after = await reading(api.pid!, inspectPort);
    return { server: `Tandem (${backend})`, documentBytes, connections: count, ...perConnection(before, after, count) };
  } finally {
    await Promise.all(clients.map((client) => client.dispose()));
    await api.stop();
  }
}

/** The same sockets held by a peer: each one synced with one document. */
export async function peerIdle(count = IDLE_CONNECTIONS): Promise<IdleResult[]> {
  const results: IdleResult[] = [];
  for (const peer of PEERS) {
    const inspectPort = await freePort();
    const server = await startPeer(peer, [`--inspect=127.0.0.1:${inspectPort}`]);
    try {
      const writer = connectPeer(server, 'idle');
      await writer.ready;
      writer.send(Y.encodeStateAsUpdate(documentOf(1000)));
      await settle(500);
      const before = await reading(server.process.pid!, inspectPort);
      const sockets = [];
      for (let i = 0; i < count; i += 50) {
        const batch = Array.from({ length: Math.min(50, count - i) }, () => connectPeer(server, 'idle'));
        await Promise.all(batch.map((socket) => socket.ready));
        sockets.push(...batch);
      }
      const after = await reading(server.process.pid!, inspectPort);
      results.push({ server: PEER_LABEL[peer], documentBytes: 1000, connections: count, ...perConnection(before, after, count) });
      writer.close();
      for (const socket of sockets) socket.close();
    } finally {
      server.stop();
    }
  }
  return results;
}

export interface ColdResult {
  what: string;
  backend: Backend;
  storedBytes: number;
  updates: number;
  syncMs: number;
}

/**
 * Writes `updates` updates of `bytesEach` through the API (20 writers), restarts it, and times
 * one client's subscription until its SYNC has arrived: the document is read cold.
 */
export async function coldLoad(backend: Backend, what: string, updates: number, bytesEach: number, env: Record<string, string> = {}): Promise<ColdResult> {
  const dataDir = tempDir('tandem-bench-cold-');
  let api = await benchApi(backend, env, { dataDir, built: true });
  let id: string;
  try {
    id = await createDocument(api.url, what);
    progress(`${what}: writing ${updates} updates on ${backend}`);
    const writers = 20;
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        const doc = new Y.Doc();
        const body = doc.getXmlFragment('default');
        const client = wsClient(api.wsUrl, undefined, { lazy: false });
        for (let n = w; n < updates; n += writers) {
          const before = Y.encodeStateVector(doc);
          const paragraph = new Y.XmlElement('paragraph');
          paragraph.insert(0, [new Y.XmlText(`${n} `.padEnd(bytesEach, 'x'))]);
          body.push([paragraph]);
          const result = await subscription(client, PUSH_UPDATE, { id, update: toBase64(Y.encodeStateAsUpdate(doc, before)) }).next(60_000);
          if (result.errors) throw new Error(JSON.stringify(result.errors));
        }
        await client.dispose();
      }),
    );
  } finally {
    await api.stop();
  }
  api = await benchApi(backend, env, { dataDir, built: true });
  const client = wsClient(api.wsUrl, undefined, { lazy: false });
  try {
    const started = performance.now();
    const sync = await subscription(client, DOCUMENT_EVENTS, { id }).next(120_000);
    const syncMs = performance.now() - started;
    const update = sync.data?.documentEvents.update as string;
    return { what, backend, storedBytes: Math.floor((update.length * 3) / 4), updates, syncMs };
  } finally {
    await client.dispose();
    await api.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
