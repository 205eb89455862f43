// search(query) on PGlite and PostgreSQL: ranking (a title match above body matches), English
// stemming, "phrases" and -exclusions, snippets, paging, and visibility: a document the caller
// may not see is never found, not even through a snippet. PostgreSQL's database is shared with
// other test files, so every query here carries a word only this run's documents contain.
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { backends, startApi, type TestApi } from '../support/api.js';
import { createAccount, share, shareLink, type TestAccount } from '../support/callers.js';
import { createDocument, docWithParagraphs, gql, must, PUSH_UPDATE, toBase64, type As } from '../support/clients.js';
import { appendParagraph } from '../support/docs.js';

const SEARCH = `query($q: String!, $first: Int, $after: String) {
  search(query: $q, first: $first, after: $after) { nodes { document { id title } snippet } pageInfo { hasNextPage endCursor } }
}`;

interface Hit {
  document: { id: string; title: string };
  snippet: string;
}

/** A word no other document has (letters only: the parser splits at digits). */
const uniqueWord = () =>
  'zq' +
  [...randomBytes(6)]
    .map((byte) => String.fromCharCode(97 + (byte % 26)))
    .join('');

describe.each(backends)('search (%s)', (backend) => {
  let api: TestApi;
  let marker: string;

  /** A document of the administrator's with this title and one paragraph per line. */
  async function writeDocument(title: string, ...lines: string[]): Promise<string> {
    const id = await createDocument(api.url, title);
    await must(api.url, PUSH_UPDATE, { id, update: toBase64(Y.encodeStateAsUpdate(docWithParagraphs(...lines))) });
    return id;
  }

  async function search(query: string, as?: As, first?: number, after?: string): Promise<{ nodes: Hit[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }> {
    return (await must(api.url, SEARCH, { q: query, first, after }, as)).search;
  }

  const titles = async (query: string, as?: As) => (await search(query, as)).nodes.map((hit) => hit.document.title);

  beforeAll(async () => {
    // Indexed 50 ms after the last change, so the tests below wait little for it.
    api = await startApi({ backend, env: { SEARCH_INDEX_DELAY_MS: '50' } });
    marker = uniqueWord();
    await writeDocument(`Roadmap ${marker}`, 'What we build next quarter.');
    await writeDocument(`Meeting notes ${marker}`, 'The roadmap was discussed. The roadmap needs owners. Roadmap review on Friday.');
    await writeDocument(`Style guide ${marker}`, 'We are editing the style guide together; edits are welcome.');
    await writeDocument(`Houses ${marker}`, 'The red house stands at the corner.');
    await writeDocument(`Gardens ${marker}`, 'A house with a red door, and a garden.');
    await writeDocument(`Markup ${marker}`, 'Never run <script>alert(1)</script> from a stranger & friends.');
    // Everything above is indexed once the marker finds all six, each by a word of its body too:
    // a document's title alone is indexed first when its push comes later than the delay.
    await vi.waitFor(
      async () => {
        expect(await titles(marker)).toHaveLength(6);
        for (const word of ['quarter', 'owners', 'welcome', 'corner', 'door', 'stranger']) expect(await titles(`${marker} ${word}`)).toHaveLength(1);
      },
      { timeout: 15_000, interval: 100 },
    );
  });
  afterAll(() => api?.close());

  it('ranks a title match above body matches', async () => {
    const found = await titles(`${marker} roadmap`);
    expect(found).toEqual([`Roadmap ${marker}`, `Meeting notes ${marker}`]);
  });

  it('stems English words: "edits" finds "editing"', async () => {
    expect(await titles(`${marker} edits`)).toEqual([`Style guide ${marker}`]);
    expect(await titles(`${marker} edited`)).toEqual([`Style guide ${marker}`]);
  });

  it('matches "quoted phrases" as phrases', async () => {
    expect((await titles(`${marker} red house`)).sort()).toEqual([`Gardens ${marker}`, `Houses ${marker}`]);
    expect(await titles(`${marker} "red house"`)).toEqual([`Houses ${marker}`]);
  });

  it('leaves out -excluded words', async () => {
    expect(await titles(`${marker} house -garden`)).toEqual([`Houses ${marker}`]);
  });

  it('marks the matched words in a snippet of the body, HTML-escaped around them', async () => {
    const [hit] = (await search(`${marker} "red house"`)).nodes;
    expect(hit?.snippet).toContain('<mark>red</mark> <mark>house</mark>');
    const [markup] = (await search(`${marker} stranger`)).nodes;
    expect(markup?.snippet).toContain('<mark>stranger</mark>');
    expect(markup?.snippet).toContain('&lt;script&gt;');
    expect(markup?.snippet).not.toContain('<script>');
    // Matched in the title only: the snippet is the title's.
    const [titleOnly] = (await search(`${marker} guide`)).nodes;
    expect(titleOnly?.snippet).toContain(`<mark>guide</mark>`);
  });

  it('pages through the hits', async () => {
    const first = await search(marker, undefined, 4);
    expect(first.nodes).toHaveLength(4);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await search(marker, undefined, 4, first.pageInfo.endCursor!);
    expect(rest.nodes).toHaveLength(2);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    const all = [...first.nodes, ...rest.nodes].map((hit) => hit.document.id);
    expect(new Set(all).size).toBe(6);
  });

  it('finds what changed a moment ago: new text, a new title', async () => {
    const word = uniqueWord();
    const id = await writeDocument(`Draft ${marker}`, 'Nothing yet.');
    const doc = new Y.Doc();
    await must(api.url, PUSH_UPDATE, { id, update: toBase64(appendParagraph(doc, `Now it mentions ${word}.`)) });
    await vi.waitFor(async () => expect(await titles(word)).toEqual([`Draft ${marker}`]), { timeout: 15_000, interval: 100 });
    const renamed = uniqueWord();
    await must(api.url, 'mutation($id: ID!, $t: String!) { renameDocument(id: $id, title: $t) { id } }', { id, t: `Renamed ${renamed}` });
    await vi.waitFor(async () => expect(await titles(renamed)).toEqual([`Renamed ${renamed}`]), { timeout: 15_000, interval: 100 });
    await must(api.url, 'mutation($id: ID!) { deleteDocument(id: $id) }', { id });
    expect(await titles(word)).toEqual([]);
  });

  describe('visibility', () => {
    let member: TestAccount;
    let secretWord: string;
    let hidden: string;
    let shared: string;
    let open: string;

    beforeAll(async () => {
      member = await createAccount(api.url, 'Searcher');
      secretWord = uniqueWord();
      hidden = await writeDocument(`Hidden ${marker}`, `The ${secretWord} plan is confidential.`);
      shared = await writeDocument(`Shared ${marker}`, `A ${secretWord} summary for the team.`);
      open = await writeDocument(`Open ${marker}`, `Everyone may read about ${secretWord}.`);
      await share(api.url, shared, member.email, 'VIEWER');
      await must(api.url, 'mutation($id: ID!) { setGeneralAccess(documentId: $id, access: VIEW) { id } }', { id: open });
      await vi.waitFor(async () => expect(await titles(secretWord)).toHaveLength(3), { timeout: 15_000, interval: 100 });
    });

    it('finds only the documents the caller may see, and quotes nothing else', async () => {
      const { nodes } = await search(secretWord, member.token);
      expect(nodes.map((hit) => hit.document.id).sort()).toEqual([shared, open].sort());
      expect(nodes.map((hit) => hit.snippet).join(' ')).not.toContain('confidential');
      // Not by title words either.
      expect(await titles(`Hidden ${marker}`, member.token)).toEqual([]);
    });

    it('a guest finds only its link’s document', async () => {
      const link = await shareLink(api.url, hidden, 'VIEWER');
      expect((await search(secretWord, link.token)).nodes.map((hit) => hit.document.id)).toEqual([hidden]);
    });

    it('access given later is searchable at once, access taken away is not', async () => {
      await share(api.url, hidden, member.email, 'VIEWER');
      expect((await search(secretWord, member.token)).nodes).toHaveLength(3);
      await must(api.url, 'mutation($id: ID!, $user: ID!) { unshareDocument(documentId: $id, userId: $user) }', { id: hidden, user: member.id });
      expect((await search(secretWord, member.token)).nodes.map((hit) => hit.document.id)).not.toContain(hidden);
    });

    it('asks for a caller', async () => {
      const result = await gql(api.url, SEARCH, { q: secretWord }, null);
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  it.each([
    ['an empty query', '   '],
    ['a query over 500 characters', 'word '.repeat(101)],
  ])('answers %s with BAD_USER_INPUT', async (_, query) => {
    const result = await gql(api.url, SEARCH, { q: query });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers a cursor it did not make with BAD_USER_INPUT, and stop words only with nothing', async () => {
    const result = await gql(api.url, SEARCH, { q: marker, after: 'bm9wZQ' });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await search('the and of')).nodes).toEqual([]);
    // Punctuation people type is not syntax: no error.
    expect((await search(`${marker} & | ! ( ) :*`)).nodes.length).toBeGreaterThanOrEqual(0);
  });
});
