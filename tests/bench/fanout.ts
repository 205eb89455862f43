// Fan-out latency: one writer, N readers. The writer sends one small update (a keystroke) at a
// time and waits until every reader has it; a sample is the time from send to one reader's
// receipt. Tandem is measured over graphql-ws and over graphql-sse (its acknowledgement waits
// for the database; fan-out starts right after the commit), and a y-websocket server (no
// storage at all) is measured in the same run as the reference. Servers run in their own
// processes; clients share this one.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { type Backend, spawnApi, tempDir, WITHOUT_LIMITS } from '../support/api.js';
import { createDocument, DOCUMENT_EVENTS, PUSH_UPDATE, toBase64 } from '../support/clients.js';
import { percentile, progress } from './stats.js';

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
  const dataDir = tempDir('tandem-bench-');
  const api = await spawnApi({ backend, dataDir, env: WITHOUT_LIMITS });
  try {
    const id = await createDocument(api.url, 'fan-out bench');
    const board = arrivalBoard(readers);
    // lazy: false keeps one socket per client for the whole run (a lazy graphql-ws client
    // closes its socket whenever no operation is open, and would reconnect for every push).
    const clients = Array.from({ length: readers }, () =>
      transport === 'websocket'
        ? createWsClient({ url: api.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false })
        : createSseClient({ url: `${api.url}/stream`, singleConnection: true, retryAttempts: 0 }),
    );
    let synced = 0;
    const allSynced = new Promise<void>((resolve) => {
      for (const client of clients) {
        (client as ReturnType<typeof createWsClient>).subscribe<{ documentEvents: { kind: string; origin: string | null } }>(
          { query: DOCUMENT_EVENTS, variables: { id } },
          {
            next: ({ data }) => {
              const event = data?.documentEvents;
              if (event?.kind === 'SYNC' && ++synced === readers) resolve();
              if (event?.kind === 'UPDATE' && event.origin?.startsWith('bench-')) board.arrived(Number(event.origin.slice(6)));
            },
            error: (error) => progress(`reader failed: ${JSON.stringify(error)}`),
            complete: () => {},
          },
        );
      }
    });
    await allSynced;
    const writer = createWsClient({ url: api.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
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
    await writer.dispose();
    await Promise.all(clients.map((client) => client.dispose()));
    return { server: `Tandem ${transport === 'websocket' ? 'WebSocket' : 'SSE'} (${backend})`, readers, p50: percentile(samples, 50), p99: percentile(samples, 99), samples: samples.length };
  } finally {
    await api.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const Y_SERVER = fileURLToPath(new URL('./y-websocket-server.ts', import.meta.url));
const MESSAGE_SYNC = 0;

export async function yWebsocketFanout(readers: number, rounds: number): Promise<FanoutResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', Y_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<number>((resolve) =>
      createInterface({ input: child.stdout! }).once('line', (line) => resolve((JSON.parse(line) as { port: number }).port)),
    );
    const url = `ws://127.0.0.1:${port}/bench`;
    const board = arrivalBoard(readers);
    const open = (socket: WebSocket) => new Promise<void>((resolve) => socket.once('open', () => resolve()));
    const sockets = Array.from({ length: readers }, (_, r) => {
      const socket = new WebSocket(url);
      socket.binaryType = 'nodebuffer';
      let received = 0;
      socket.on('message', (data: Buffer) => {
        const decoder = decoding.createDecoder(new Uint8Array(data));
        if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
        if (decoding.readVarUint(decoder) !== syncProtocol.messageYjsUpdate) return;
        board.arrived(received++);
      });
      return socket;
    });
    await Promise.all(sockets.map(open));
    const writer = new WebSocket(url);
    await open(writer);
    const next = keystrokes();
    const samples = await measure(
      rounds,
      () => {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        syncProtocol.writeUpdate(encoder, next());
        writer.send(encoding.toUint8Array(encoder));
      },
      (i) => board.expect(i),
    );
    writer.close();
    for (const socket of sockets) socket.close();
    return { server: 'y-websocket (reference, no storage)', readers, p50: percentile(samples, 50), p99: percentile(samples, 99), samples: samples.length };
  } finally {
    child.kill();
  }
}
