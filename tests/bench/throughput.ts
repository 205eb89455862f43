// Durable write throughput: 20 documents x 5 writers, each writer pushing keystroke-sized
// updates and waiting for each acknowledgement (= committed) before the next. Compared with
// the rate of plain one-INSERT-per-commit on the same database, which is what Tandem would
// get without group commit (concurrent pushes sharing one transaction), and with y-websocket
// and Hocuspocus 3 in memory (their acknowledgement means "applied", nothing is stored).
import { rmSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import * as Y from 'yjs';
import { type Backend, DATABASE_URL, tempDir } from '../support/api.js';
import { createDocument, PUSH_UPDATE, toBase64, wsClient } from '../support/clients.js';
import { connectPeer, PEER_LABEL, type Peer, startPeer } from './peers.js';
import { benchApi } from './tandem-api.js';

export interface ThroughputResult {
  what: string;
  backend: Backend | 'memory';
  perSecond: number;
  note: string;
}

const DOCUMENTS = 20;
const WRITERS_PER_DOCUMENT = 5;
const WARMUP_MS = 1000;
const MEASURE_MS = Number(process.env.BENCH_WRITE_MS ?? 5000);

/** Counts what `loop` completes between warm-up and the end of the window. */
async function rate(workers: number, step: (worker: number) => Promise<void>): Promise<number> {
  const start = Date.now();
  const from = start + WARMUP_MS;
  const until = from + MEASURE_MS;
  let counted = 0;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (Date.now() < until) {
        await step(worker);
        const now = Date.now();
        if (now >= from && now < until) counted++;
      }
    }),
  );
  return counted / (MEASURE_MS / 1000);
}

async function tandemRate(backend: Backend): Promise<number> {
  const api = await benchApi(backend);
  try {
    const ids = await Promise.all(Array.from({ length: DOCUMENTS }, (_, d) => createDocument(api.url, `bench ${d}`)));
    const writers = ids.flatMap((id) =>
      Array.from({ length: WRITERS_PER_DOCUMENT }, () => {
        const doc = new Y.Doc();
        const text = doc.getXmlFragment('default');
        let last: Uint8Array = new Uint8Array();
        doc.on('update', (update: Uint8Array) => (last = update));
        // lazy: false: one socket per writer (a lazy client would reconnect for every push).
        const client = wsClient(api.wsUrl, undefined, { lazy: false });
        return { id, text, next: () => (text.insert(text.length, [new Y.XmlText('x')]), last), client };
      }),
    );
    const perSecond = await rate(writers.length, (w) => {
      const writer = writers[w]!;
      return new Promise<void>((resolve, reject) =>
        writer.client.subscribe(
          { query: PUSH_UPDATE, variables: { id: writer.id, update: toBase64(writer.next()) } },
          {
            // A push that came back with errors was not acknowledged: it must not count.
            next: (result) => (result.errors ? reject(new Error(JSON.stringify(result.errors))) : undefined),
            error: reject,
            complete: resolve,
          },
        ),
      );
    });
    await Promise.all(writers.map((writer) => writer.client.dispose()));
    return perSecond;
  } finally {
    await api.stop();
  }
}

/** The same load against a peer: each writer's own Y.Doc, one socket each. */
export async function peerThroughput(peer: Peer): Promise<ThroughputResult> {
  const server = await startPeer(peer);
  try {
    const writers = Array.from({ length: DOCUMENTS }, (_, d) => {
      const docs = Array.from({ length: WRITERS_PER_DOCUMENT }, () => new Y.Doc());
      const clientIds = () => docs.map((doc) => doc.clientID);
      return docs.map((doc) => {
        const text = doc.getXmlFragment('default');
        let last: Uint8Array = new Uint8Array();
        doc.on('update', (update: Uint8Array) => (last = update));
        const client = connectPeer(server, `bench-${d}`, { knownClients: clientIds });
        return { client, next: () => (text.insert(text.length, [new Y.XmlText('x')]), last) };
      });
    }).flat();
    await Promise.all(writers.map((writer) => writer.client.ready));
    const perSecond = await rate(writers.length, (w) => writers[w]!.client.push(writers[w]!.next()));
    for (const writer of writers) writer.client.close();
    return { what: PEER_LABEL[peer], backend: 'memory', perSecond, note: `${writers.length} writers, ack = applied` };
  } finally {
    server.stop();
  }
}

const BASELINE_TABLE = 'tandem_bench_one_insert_per_commit';
const PAYLOAD = new Uint8Array(24).fill(7);

async function postgresBaseline(connections: number, workers: number): Promise<number> {
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: connections });
  await pool.query(`DROP TABLE IF EXISTS ${BASELINE_TABLE}`);
  await pool.query(`CREATE TABLE ${BASELINE_TABLE} (id bigserial PRIMARY KEY, doc text NOT NULL, data bytea NOT NULL)`);
  try {
    return await rate(workers, (w) =>
      pool.query(`INSERT INTO ${BASELINE_TABLE} (doc, data) VALUES ($1, $2)`, [`d${w % DOCUMENTS}`, PAYLOAD]).then(() => {}),
    );
  } finally {
    await pool.query(`DROP TABLE IF EXISTS ${BASELINE_TABLE}`);
    await pool.end();
  }
}

async function pgliteBaseline(): Promise<number> {
  const dataDir = tempDir('tandem-bench-pglite-');
  const db = await PGlite.create(dataDir);
  await db.exec(`CREATE TABLE ${BASELINE_TABLE} (id bigserial PRIMARY KEY, doc text NOT NULL, data bytea NOT NULL)`);
  try {
    // PGlite has one connection: its one-INSERT-per-commit rate is a single stream.
    return await rate(1, () => db.query(`INSERT INTO ${BASELINE_TABLE} (doc, data) VALUES ($1, $2)`, ['d', PAYLOAD]).then(() => {}));
  } finally {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function throughput(backend: Backend): Promise<ThroughputResult[]> {
  const writers = DOCUMENTS * WRITERS_PER_DOCUMENT;
  const results: ThroughputResult[] = [
    { what: 'Tandem pushUpdate (group commit)', backend, perSecond: await tandemRate(backend), note: `${writers} writers, ack = committed` },
  ];
  if (backend === 'postgresql') {
    results.push({ what: 'one INSERT per commit, 1 connection', backend, perSecond: await postgresBaseline(1, 1), note: 'sequential commits' });
    results.push({ what: 'one INSERT per commit, 10 connections', backend, perSecond: await postgresBaseline(10, writers), note: `${writers} writers, pool of 10` });
  } else {
    results.push({ what: 'one INSERT per commit', backend, perSecond: await pgliteBaseline(), note: 'single connection' });
  }
  return results;
}
