// Search at scale: 10,000 documents of about 150 words each, made through GraphQL
// (createDocument and pushUpdate, eight at a time) and indexed by the API's own indexer; then
// search(query) through GraphQL over HTTP, p50 and p99, for an administrator (who sees every
// document) and a member who may see a tenth of them (the visibility filter is part of the
// SQL). On PostgreSQL a database of its own, dropped afterwards.
import * as Y from 'yjs';
import { type Backend, DATABASE_URL, startApi, WITHOUT_LIMITS } from '../support/api.js';
import { createAccount } from '../support/callers.js';
import { createDocument, must, PUSH_UPDATE, toBase64 } from '../support/clients.js';
import { freshPostgresDatabase } from '../support/databases.js';
import { prng } from '../support/random.js';
import { percentile, progress } from './stats.js';

export interface SearchResult {
  what: string;
  backend: Backend;
  caller: string;
  p50: number;
  p99: number;
  runs: number;
}

const DOCUMENTS = Number(process.env.BENCH_SEARCH_DOCUMENTS ?? 10_000);
const WORDS_PER_DOCUMENT = 150;
const RUNS = 200;
const IN_FLIGHT = 8;

/** A vocabulary with a few common words and a long tail, as prose has. */
const VOCABULARY = [
  ...'the of and to in is that for it as with was on be by this are from or an at which'.split(' '),
  ...'plan launch review budget design meeting customer release editor draft team quarter report'.split(' '),
  ...'server document search comment history version account access table image list task'.split(' '),
];

function documentText(random: ReturnType<typeof prng>, index: number): string[] {
  const words: string[] = [];
  for (let i = 0; i < WORDS_PER_DOCUMENT; i++) words.push(random.next() < 0.7 ? random.pick(VOCABULARY) : random.word());
  // Rare words: one document in a hundred says "zebrafish", one in a thousand "quokka".
  if (index % 100 === 0) words.splice(random.int(words.length), 0, 'zebrafish');
  if (index % 1000 === 0) words.splice(random.int(words.length), 0, 'quokka');
  const lines: string[] = [];
  for (let i = 0; i < words.length; i += 30) lines.push(`${words.slice(i, i + 30).join(' ')}.`);
  return lines;
}

const QUERIES: [string, string][] = [
  ['common word', 'launch'],
  ['rare word (100 hits)', 'zebrafish'],
  ['two words', 'budget review'],
  ['"phrase"', '"release editor"'],
  ['stemmed, with -exclusion', 'meetings -customer'],
  ['no match', 'xylophonic'],
];

const SEARCH = 'query($q: String!) { search(query: $q, first: 20) { nodes { document { id title } snippet } } }';


export async function search(backend: Backend): Promise<SearchResult[]> {
  const database = backend === 'postgresql' ? await freshPostgresDatabase('tandem_bench_search') : null;
  const api = await startApi({
    backend,
    env: { ...WITHOUT_LIMITS, SEARCH_INDEX_DELAY_MS: '20', DOCUMENT_IDLE_MS: '2000', ...(database ? { DATABASE_URL: database.url } : {}) },
  });
  try {
    const random = prng(20261201);
    progress(`making ${DOCUMENTS} documents on ${backend}`);
    const ids: string[] = [];
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < DOCUMENTS) {
          const index = next++;
          const lines = documentText(random, index);
          const id = await createDocument(api.url, `${random.pick(VOCABULARY)} ${random.word()} ${index}`);
          const doc = new Y.Doc();
          for (const line of lines) {
            const paragraph = new Y.XmlElement('paragraph');
            paragraph.insert(0, [new Y.XmlText(line)]);
            doc.getXmlFragment('default').push([paragraph]);
          }
          await must(api.url, PUSH_UPDATE, { id, update: toBase64(Y.encodeStateAsUpdate(doc)) });
          ids[index] = id;
          if (index % 1000 === 999) progress(`  ${index + 1} documents`);
        }
      }),
    );
    const prisma = api.database.prisma;
    for (;;) {
      const rows = await prisma.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM "DocumentSearch" s JOIN "Document" d ON d."id" = s."documentId" WHERE s."indexedSeq" >= d."lastSeq"`;
      if (Number(rows[0]!.n) >= DOCUMENTS) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const seconds = (performance.now() - started) / 1000;
    progress(`${DOCUMENTS} documents made and indexed in ${seconds.toFixed(0)} s`);

    // A member who may see one document in ten (the visibility filter then does real work).
    const member = await createAccount(api.url, 'Searcher');
    await prisma.documentMember.createMany({
      data: ids.filter((_, i) => i % 10 === 0).map((documentId) => ({ documentId, userId: member.id, role: 'VIEWER' })),
    });

    const results: SearchResult[] = [];
    for (const [caller, token] of [
      ['administrator (all)', api.adminToken],
      ['member (1 in 10)', member.token],
    ] as const) {
      for (const [what, query] of QUERIES) {
        await must(api.url, SEARCH, { q: query }, token); // warm-up
        const samples: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          const start = performance.now();
          await must(api.url, SEARCH, { q: query }, token);
          samples.push(performance.now() - start);
        }
        results.push({ what: `${what}: ${query}`, backend, caller, p50: percentile(samples, 50), p99: percentile(samples, 99), runs: RUNS });
      }
    }
    return results;
  } finally {
    await api.close();
    await database?.drop();
  }
}
