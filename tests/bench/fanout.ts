// Fan-out latency: one writer, N readers. The writer sends one small update (a keystroke) at a
// time and waits until every reader has it; a sample is the time from send to one reader's
// receipt. Tandem is measured over graphql-ws and over graphql-sse (readers get an update as
// soon as it is validated and applied; the writer's acknowledgement waits for the commit), and
// y-websocket and Hocuspocus 3 (nothing stored) in the same run as references. Servers run in
// their own processes; clients share this one.
import * as Y from 'yjs';
import type { Backend } from '../support/api.js';
import { createDocument, DOCUMENT_EVENTS, PUSH_UPDATE, sseClient, toBase64, wsClient } from '../support/clients.js';
import { connectPeer, PEER_LABEL, type Peer, startPeer } from './peers.js';
import { percentile, progress } from './stats.js';
import { benchApi } from './tandem-api.js';
export interface FanoutResult {
  server: string;
  readers: number;
  p50: number;
  p99: number;
  samples: number;
}

const WARMUP = 20;

/** A writer's stream of keystroke-sized updates. */
function keystrokes(): () => Uint8Array {
  const doc = new Y.Doc();
  const text = new Y.XmlText();
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [text]);
  doc.getXmlFragment('default').insert(0, [paragraph]);
  let pending: Uint8Array = Y.encodeStateAsUpdate(doc);
  doc.on('update', (update: Uint8Array) => (pending = update));
  let first = true;
  return () => {
    if (first) {
      first = false;
      return pending;
    }
    text.insert(text.length, 'x');
    return pending;
  };
}

/** Runs `rounds` sends; `arrivals` resolves when every reader has update `i`. */
async function measure(rounds: number, send: (i: number) => void, waitAll: (i: number) => Promise<number[]>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + rounds; i++) {
    const start = performance.now();
    const arrivals = waitAll(i);
    send(i);
    const times = await arrivals;
    if (i >= WARMUP) for (const t of times) samples.push(t - start);
  }
  return samples;
}

/** Per-update arrival bookkeeping shared by all readers. */
function arrivalBoard(readers: number) {
  const board = new Map<number, { times: number[]; done: (times: number[]) => void }>();
  return {
    expect(i: number): Promise<number[]> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`update ${i} did not reach all readers`)), 10_000);
        board.set(i, {
          times: [],
          done: (times) => {
            clearTimeout(timer);
            resolve(times);
          },
        });
      });
    },
    arrived(i: number): void {
      const entry = board.get(i);
      if (!entry) return;
      entry.times.push(performance.now());
      if (entry.times.length === readers) {
        board.delete(i);
        entry.done(entry.times);
      }
    },
  };
}

export async function tandemFanout(backend: Backend, transport: 'websocket' | 'sse', readers: number, rounds: number): Promise<FanoutResult> {
  const api = await benchApi(backend);
  try {
    const id = await createDocument(api.url, 'fan-out bench');
    const board = arrivalBoard(readers);
    // lazy: false keeps one socket per client for the whole run (a lazy graphql-ws client
    // closes its socket whenever no operation is open, and would reconnect for every push).
    const clients = Array.from({ length: readers }, () =>
      transport === 'websocket'
        ? wsClient(api.wsUrl, undefined, { lazy: false })
        : sseClient(`${api.url}/stream`),
    );
    let synced = 0;
    let closing = false;
    const allSynced = new Promise<void>((resolve) => {
      for (const client of clients) {
        (client as ReturnType<typeof wsClient>).subscribe<{ documentEvents: { kind: string; origin: string | null } }>(
          { query: DOCUMENT_EVENTS, variables: { id } },
          {
            next: ({ data }) => {
              const event = data?.documentEvents;
              if (event?.kind === 'SYNC' && ++synced === readers) resolve();
              if (event?.kind === 'UPDATE' && event.origin?.startsWith('bench-')) board.arrived(Number(event.origin.slice(6)));
            },
            error: (error) => closing || progress(`reader failed: ${JSON.stringify(error)}`),
            complete: () => {},
          },
        );
      }
    });
    await Promise.race([
      allSynced,
      new Promise((_, reject) => setTimeout(() => reject(new Error(`only ${synced} of ${readers} readers synced`)), 30_000).unref()),
    ]);
    const writer = wsClient(api.wsUrl, undefined, { lazy: false });
    const next = keystrokes();
    const samples = await measure(
      rounds,
      (i) => {
        writer.subscribe(
          { query: PUSH_UPDATE, variables: { id, update: toBase64(next()), origin: `bench-${i}` } },
          { next: () => {}, error: (error) => progress(`push failed: ${JSON.stringify(error)}`), complete: () => {} },
        );
      },
      (i) => board.expect(i),
    );
    closing = true;
    await writer.dispose();
    await Promise.all(clients.map((client) => client.dispose()));
    return { server: `Tandem ${transport === 'websocket' ? 'WebSocket' : 'SSE'} (${backend})`, readers, p50: percentile(samples, 50), p99: percentile(samples, 99), samples: samples.length };
  } finally {
    await api.stop();
  }
}

export async function peerFanout(peer: Peer, readers: number, rounds: number): Promise<FanoutResult> {
  const server = await startPeer(peer);
  try {
    const board = arrivalBoard(readers);
    const document = `bench-${readers}`;
    const clients = Array.from({ length: readers }, () => {
      let received = 0;
      return connectPeer(server, document, { onUpdate: () => board.arrived(received++) });
    });
    await Promise.all(clients.map((client) => client.ready));
    const writer = connectPeer(server, document);
    await writer.ready;
    const next = keystrokes();
    const samples = await measure(rounds, () => writer.send(next()), (i) => board.expect(i));
    writer.close();
    for (const client of clients) client.close();
    return { server: PEER_LABEL[peer], readers, p50: percentile(samples, 50), p99: percentile(samples, 99), samples: samples.length };
  } finally {
    server.stop();
  }
}
