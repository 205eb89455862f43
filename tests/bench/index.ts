// `npm run bench`: fan-out latency against y-websocket, durable write throughput, history at
// scale, export/import of a large document, and search over 10,000 documents.
// Not part of the tests: speed targets live here, as figures to compare, not as assertions.
import { DATABASE_URL, type Backend } from '../support/api.js';
import { content, type ContentResult } from './content.js';
import { tandemFanout, yWebsocketFanout, type FanoutResult } from './fanout.js';
import { progress, table } from './stats.js';
import { history, type HistoryResult } from './history.js';
import { search, type SearchResult } from './search.js';
import { throughput, type ThroughputResult } from './throughput.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const backends: Backend[] = DATABASE_URL ? ['pglite', 'postgresql'] : ['pglite'];

const only = process.env.BENCH_ONLY; // fanout | throughput | history | content | search: run one part

async function main(): Promise<void> {
  if (!only || only === 'fanout') await fanoutPart();
  if (!only || only === 'throughput') await throughputPart();
  if (!only || only === 'history') await historyPart();
  if (!only || only === 'content') await contentPart();
  if (!only || only === 'search') await searchPart();
  if (!DATABASE_URL) console.log('\nPostgreSQL figures skipped: set DATABASE_URL to include them.');
}

async function fanoutPart(): Promise<void> {
  const fanout: FanoutResult[] = [];
  for (const readers of [10, 50]) {
    progress(`fan-out to ${readers} readers: y-websocket`);
    fanout.push(await yWebsocketFanout(readers, ROUNDS));
    for (const backend of backends) {
      for (const transport of ['websocket', 'sse'] as const) {
        progress(`fan-out to ${readers} readers: Tandem ${transport} on ${backend}`);
        fanout.push(await tandemFanout(backend, transport, readers, ROUNDS));
      }
    }
  }
  console.log('\nFan-out latency, one writer (ms from send to receipt; one keystroke-sized update at a time)\n');
  console.log(table(['server', 'readers', 'p50', 'p99', 'samples'], fanout.map((r) => [r.server, r.readers, r.p50, r.p99, r.samples])));
}

async function throughputPart(): Promise<void> {
  const writes: ThroughputResult[] = [];
  for (const backend of backends) {
    progress(`durable write throughput on ${backend}`);
    writes.push(...(await throughput(backend)));
  }
  console.log('\nDurable acknowledged updates per second (20 documents x 5 writers over graphql-ws)\n');
  console.log(table(['what', 'backend', 'writes/s', 'note'], writes.map((r) => [r.what, r.backend, r.perSecond, r.note])));
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
