// `npm run bench`: fan-out latency and acknowledged write throughput side by side with
// y-websocket and Hocuspocus 3 (with ratios), scale (memory, 1,000 observers, cold loads),
// history at scale, export/import of a large document, and search over 10,000 documents.
// Every server runs in its own process; the clients share this one.
// Not part of the tests: speed targets live here, as figures to compare, not as assertions.
import { DATABASE_URL, type Backend } from '../support/api.js';
import { content, type ContentResult } from './content.js';
import { peerFanout, tandemFanout, type FanoutResult } from './fanout.js';
import { PEER_LABEL, PEERS } from './peers.js';
import { progress, ratio, table } from './stats.js';
import { history, type HistoryResult } from './history.js';
import { coldLoad, memoryAtRest, peerIdle, tandemIdle } from './scale.js';
import { search, type SearchResult } from './search.js';
import { EXTERNAL_API } from './tandem-api.js';
import { peerThroughput, throughput, type ThroughputResult } from './throughput.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const READERS = (process.env.BENCH_READERS ?? '50').split(',').map(Number);
// An API given by TANDEM_BENCH_API has the one backend it was started with.
const backends: Backend[] = EXTERNAL_API
  ? [DATABASE_URL ? 'postgresql' : 'pglite']
  : DATABASE_URL
    ? ['pglite', 'postgresql']
    : ['pglite'];

const only = process.env.BENCH_ONLY; // fanout | throughput | scale | history | content | search: run one part
/** The backend the scale part measures: PostgreSQL when there is one. */
const primary: Backend = backends[backends.length - 1]!;
const OBSERVERS = Number(process.env.BENCH_OBSERVERS ?? 1000);
const IDLE_CONNECTIONS = Number(process.env.BENCH_IDLE_CONNECTIONS ?? 1000);

async function main(): Promise<void> {
  if (!only || only === 'fanout') await fanoutPart();
  if (!only || only === 'throughput') await throughputPart();
  if ((!only || only === 'scale') && !EXTERNAL_API) await scalePart();
  if (!only || only === 'history') await historyPart();
  if (!only || only === 'content') await contentPart();
  if (!only || only === 'search') await searchPart();
  if (!DATABASE_URL) console.log('\nPostgreSQL figures skipped: set DATABASE_URL to include them.');
}

async function fanoutPart(): Promise<void> {
  const rows: (string | number)[][] = [];
  for (const readers of READERS) {
    const results: FanoutResult[] = [];
    for (const peer of PEERS) {
      progress(`fan-out to ${readers} readers: ${peer}`);
      results.push(await peerFanout(peer, readers, ROUNDS));
    }
    for (const backend of backends) {
      for (const transport of ['websocket', 'sse'] as const) {
        progress(`fan-out to ${readers} readers: Tandem ${transport} on ${backend}`);
        results.push(await tandemFanout(backend, transport, readers, ROUNDS));
      }
    }
    const reference = results[0]!;
    for (const r of results) rows.push([r.server, r.readers, r.p50, r.p99, ratio(r.p50, reference.p50), ratio(r.p99, reference.p99), r.samples]);
  }
  console.log('\nFan-out latency, one writer (ms from send to receipt; one keystroke-sized update at a time)\n');
  console.log(table(['server', 'readers', 'p50', 'p99', 'p50 / y-websocket', 'p99 / y-websocket', 'samples'], rows));
}

async function throughputPart(): Promise<void> {
  const writes: ThroughputResult[] = [];
  for (const peer of PEERS) {
    progress(`acknowledged write throughput: ${peer}`);
    writes.push(await peerThroughput(peer));
  }
  for (const backend of backends) {
    progress(`durable write throughput on ${backend}`);
    writes.push(...(await throughput(backend)));
  }
  const hocuspocus = writes.find((r) => r.what === PEER_LABEL.hocuspocus)!.perSecond;
  const single = (backend: string) => writes.find((r) => r.backend === backend && r.what.startsWith('one INSERT per commit'))?.perSecond;
  console.log('\nAcknowledged updates per second (20 documents x 5 writers, one socket each)\n');
  console.log(
    table(
      ['what', 'backend', 'writes/s', '/ Hocuspocus', '/ one INSERT per commit', 'note'],
      writes.map((r) => [r.what, r.backend, r.perSecond, ratio(r.perSecond, hocuspocus), r.backend === 'memory' ? '' : ratio(r.perSecond, single(r.backend) ?? Number.NaN), r.note]),
    ),
  );
}

async function scalePart(): Promise<void> {
  const rest = [];
  for (const backend of backends) {
    progress(`memory at rest on ${backend}`);
    rest.push(await memoryAtRest(backend));
  }
  console.log('\nAPI memory at rest (RSS in MiB, 3 s after start; built API, no clients)\n');
  console.log(table(['backend', 'first start (new data)', 'after a restart'], rest.map((r) => [r.backend, r.fresh, r.restarted])));

  progress(`${OBSERVERS} idle connections`);
  const idle = [...(await peerIdle())];
  for (const bytes of [1_000, 1_000_000]) idle.push(await tandemIdle(primary, bytes));
  console.log(`\nMemory per idle connection (KiB each: JavaScript heap after a forced GC, and RSS; ${IDLE_CONNECTIONS} sockets, Tandem's with documentEvents + awarenessEvents)\n`);
  console.log(
    table(
      ['server', 'document bytes', 'connections', 'heap KiB each (after GC)', 'RSS KiB each'],
      idle.map((r) => [r.server, r.documentBytes, r.connections, r.heapKibEach, r.rssKibEach]),
    ),
  );

  const observers: FanoutResult[] = [];
  for (const peer of PEERS) {
    progress(`1 -> ${OBSERVERS} observers: ${peer}`);
    observers.push(await peerFanout(peer, OBSERVERS, 50));
  }
  progress(`1 -> ${OBSERVERS} observers: Tandem on ${primary}`);
  observers.push(await tandemFanout(primary, 'websocket', OBSERVERS, 50));
  console.log(`\nOne writer, ${OBSERVERS} observers on one document (ms from send to receipt)\n`);
  const reference = observers[0]!;
  console.log(table(['server', 'readers', 'p50', 'p99', 'p99 / y-websocket', 'samples'], observers.map((r) => [r.server, r.readers, r.p50, r.p99, ratio(r.p99, reference.p99), r.samples])));

  const cold = [
    await coldLoad(primary, '20 MB of 4 KiB updates', 5_000, 4096),
    await coldLoad(primary, '10,000 updates in no version', 10_000, 20, {
      SNAPSHOT_EVERY_UPDATES: '1000000',
      SNAPSHOT_EVERY_MS: '86400000',
      SNAPSHOT_IDLE_MS: '86400000',
    }),
  ];
  console.log('\nCold load: a restarted API, one client subscribes; ms until its SYNC has arrived\n');
  console.log(table(['document', 'backend', 'SYNC bytes', 'ms to SYNC'], cold.map((r) => [r.what, r.backend, r.storedBytes, r.syncMs])));
}

async function historyPart(): Promise<void> {
  const versions: HistoryResult[] = [];
  for (const backend of backends) versions.push(...(await history(backend)));
  console.log('\nHistory (ms per request through GraphQL over HTTP)\n');
  console.log(table(['what', 'backend', 'p50', 'max', 'runs'], versions.map((r) => [r.what, r.backend, r.p50, r.max, r.runs])));
}

async function contentPart(): Promise<void> {
  const results: ContentResult[] = await content();
  console.log('\nExport and import of a large document (ms per request through GraphQL over HTTP, PGlite)\n');
  console.log(table(['what', 'bytes of Markdown', 'p50', 'max', 'runs'], results.map((r) => [r.what, r.bytes, r.p50, r.max, r.runs])));
}

async function searchPart(): Promise<void> {
  const results: SearchResult[] = [];
  for (const backend of backends) results.push(...(await search(backend)));
  const documents = Number(process.env.BENCH_SEARCH_DOCUMENTS ?? 10_000).toLocaleString('en');
  console.log(`\nSearch over ${documents} documents (ms per search(query, first: 20) through GraphQL over HTTP)\n`);
  console.log(table(['query', 'backend', 'caller', 'p50', 'p99', 'runs'], results.map((r) => [r.what, r.backend, r.caller, r.p50, r.p99, r.runs])));
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`bench failed: ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
