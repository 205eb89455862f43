// Export and import through GraphQL (the content part of the contract): a Markdown file
// using every construct comes back unchanged, versions export as they were, HTML imports are
// sanitised, and a rejected import leaves nothing behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { backends, startApi, type TestApi } from '../support/api.js';
import { createAccount, shareLink, type TestAccount } from '../support/callers.js';
import { createDocument, gql, must, PUSH_UPDATE, toBase64 } from '../support/clients.js';
import { appendParagraph } from '../support/docs.js';

const IMPORT = `mutation($format: DocumentFormat!, $content: String!, $title: String) {
  importDocument(format: $format, content: $content, title: $title) { id title } }`;
const EXPORT = `query($id: ID!, $format: DocumentFormat!) { document(id: $id) { text export(format: $format) } }`;
const SNAPSHOT_EXPORT = `query($id: ID!, $version: Int!, $format: DocumentFormat!) {
  document(id: $id) { snapshot(version: $version) { export(format: $format) } } }`;
const SNAPSHOT = 'mutation($id: ID!) { createSnapshot(documentId: $id) { version } }';
const DOCUMENT_COUNT = 'query { documents(first: 100) { nodes { id } } }';
const STATE = 'query($id: ID!) { document(id: $id) { update } }';

// Headings, emphasis of every kind, a link with a title, nested bullet, ordered and task
// lists, a quote, code with and without a language, a rule, an aligned table and an image
// (one this server keeps), written the way the export writes them.
const everyConstruct = (image: string) => `# Meeting notes

Some **bold**, *italic*, ~~struck~~, ++underlined++, \`inline code\` and a [link](https://example.com "Example").

## Agenda

- first
  - nested

1. one
2. two
   1. two point one

- [ ] open question
- [x] settled
  - [ ] follow-up

> Quoted words

\`\`\`python
print("hello")
\`\`\`

\`\`\`
plain
\`\`\`

---

| Owner | Task     | Due |
| :---- | :------: | --: |
| Ada   | **ship** | Mon |
| Bob   | \`review\` | Tue |

![The plan](${image} "Figure")
`;

/** A real 1×1 PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

async function importDocument(api: TestApi, format: 'MARKDOWN' | 'HTML', content: string, title?: string) {
  return (await must<{ importDocument: { id: string; title: string } }>(api.url, IMPORT, { format, content, title })).importDocument;
}

async function exported(api: TestApi, id: string, format: 'MARKDOWN' | 'HTML'): Promise<string> {
  return (await must<{ document: { export: string } }>(api.url, EXPORT, { id, format })).document.export;
}

/** Documents `as` can see: an account of its own, so other test files' documents never count. */
async function documentCount(api: TestApi, as: string): Promise<number> {
  return (await must<{ documents: { nodes: unknown[] } }>(api.url, DOCUMENT_COUNT, {}, as)).documents.nodes.length;
}

describe.each(backends)('export and import (%s)', (backend) => {
  let api: TestApi;
  let member: TestAccount;
  let EVERY_CONSTRUCT: string;
  beforeAll(async () => {
    api = await startApi({ backend, env: { MAX_UPDATE_BYTES: String(256 * 1024) } });
    member = await createAccount(api.url, 'Importer');
    // An image this server keeps, as the editor would have uploaded it into some document.
    const holder = await createDocument(api.url, 'Image holder');
    const { uploadImage } = await must<{ uploadImage: { url: string } }>(
      api.url,
      'mutation($id: ID!, $data: Base64!) { uploadImage(documentId: $id, data: $data) { url } }',
      { id: holder, data: PNG },
    );
    EVERY_CONSTRUCT = everyConstruct(new URL(uploadImage.url, api.url).href);
  });
  afterAll(() => api?.close());

  it('gives back the same Markdown after importing a file that uses every construct', async () => {
    const doc = await importDocument(api, 'MARKDOWN', EVERY_CONSTRUCT);
    expect(doc.title).toBe('Meeting notes');
    expect(await exported(api, doc.id, 'MARKDOWN')).toBe(EVERY_CONSTRUCT);
  });

  it('stores the import as the document’s body, which every client syncs', async () => {
    const doc = await importDocument(api, 'MARKDOWN', '# Plan\n\n- [x] write\n- [ ] ship\n', 'Launch');
    expect(doc.title).toBe('Launch');
    const { document } = await must<{ document: { update: string } }>(api.url, STATE, { id: doc.id });
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Buffer.from(document.update, 'base64'));
    expect(replica.getXmlFragment('default').toArray().map((node) => (node as Y.XmlElement).nodeName)).toEqual(['heading', 'taskList']);
    const { document: read } = await must<{ document: { text: string } }>(api.url, EXPORT, { id: doc.id, format: 'MARKDOWN' });
    expect(read.text).toBe('Plan\nwrite\nship');
  });

  it('exports HTML as a complete page that imports back to the same document', async () => {
    const doc = await importDocument(api, 'MARKDOWN', EVERY_CONSTRUCT, 'Notes & <drafts>');
    const html = await exported(api, doc.id, 'HTML');
    expect(html).toContain('<title>Notes &amp; &lt;drafts&gt;</title>');
    expect(html).toContain('<table');
    const again = await importDocument(api, 'HTML', html);
    expect(again.title).toBe('Notes & <drafts>');
    expect(await exported(api, again.id, 'MARKDOWN')).toBe(EVERY_CONSTRUCT);
  });

  it('exports a version as it was, not as the document is now', async () => {
    const doc = await importDocument(api, 'MARKDOWN', 'Before\n');
    const { createSnapshot } = await must<{ createSnapshot: { version: number } }>(api.url, SNAPSHOT, { id: doc.id });
    const replica = new Y.Doc();
    const { document } = await must<{ document: { update: string } }>(api.url, STATE, { id: doc.id });
    Y.applyUpdate(replica, Buffer.from(document.update, 'base64'));
    await must(api.url, PUSH_UPDATE, { id: doc.id, update: toBase64(appendParagraph(replica, 'After')) });

    const version = await must<{ document: { snapshot: { export: string } } }>(api.url, SNAPSHOT_EXPORT, {
      id: doc.id,
      version: createSnapshot.version,
      format: 'MARKDOWN',
    });
    expect(version.document.snapshot.export).toBe('Before\n');
    expect(await exported(api, doc.id, 'MARKDOWN')).toBe('Before\n\nAfter\n');
  });

  it('sanitises HTML: no script, event handler or javascript: link survives', async () => {
    const doc = await importDocument(
      api,
      'HTML',
      '<h1 onclick="alert(1)">Title</h1><script>alert(1)</script><p>text<img src="x" onerror="alert(1)"></p>' +
        '<p><a href="javascript:alert(1)">bad link</a> <a href="https://example.com">good link</a></p>',
    );
    const html = await exported(api, doc.id, 'HTML');
    const markdown = await exported(api, doc.id, 'MARKDOWN');
    // The image (not one of this server's) is a link to where it was, without its handler.
    expect(markdown).toBe('# Title\n\ntext[image](x)\n\nbad link [good link](https://example.com)\n');
    expect(html).not.toMatch(/script|onerror|onclick|javascript:|<img/i);
  });

  it('makes an image this server does not have a link to where it was', async () => {
    const doc = await importDocument(api, 'MARKDOWN', '![pixel](https://tracker.example/p.png) and ![gone](http://127.0.0.1:1/images/00000000-0000-4000-8000-000000000000)\n');
    expect(await exported(api, doc.id, 'MARKDOWN')).toBe(
      '[pixel](https://tracker.example/p.png) and [gone](http://127.0.0.1:1/images/00000000-0000-4000-8000-000000000000)\n',
    );
  });

  it('exports an empty document as an empty Markdown file', async () => {
    const id = await createDocument(api.url);
    expect(await exported(api, id, 'MARKDOWN')).toBe('');
  });

  it.each([
    // The content limit is an eighth of MAX_UPDATE_BYTES (its Yjs update is several times larger).
    ['content over the size limit', { format: 'MARKDOWN', content: 'x'.repeat((256 * 1024) / 8 + 1) }, 'PAYLOAD_TOO_LARGE'],
    ['an empty title', { format: 'MARKDOWN', content: '# hi', title: '   ' }, 'BAD_USER_INPUT'],
    ['a title over 200 characters', { format: 'MARKDOWN', content: '# hi', title: 't'.repeat(201) }, 'BAD_USER_INPUT'],
    ['an unknown format', { format: 'DOCX', content: '# hi' }, 'BAD_USER_INPUT'],
  ])('refuses %s and creates nothing', async (_, variables, code) => {
    const before = await documentCount(api, member.token);
    const result = await gql(api.url, IMPORT, variables, member.token);
    expect(result.errors?.[0]?.extensions?.code).toBe(code);
    expect(await documentCount(api, member.token)).toBe(before);
  });

  it('makes the importing account the OWNER, and lets no one import without an account', async () => {
    const doc = await must<{ importDocument: { id: string; myRole: string } }>(
      api.url,
      'mutation($content: String!) { importDocument(format: MARKDOWN, content: $content) { id myRole } }',
      { content: '# Mine\n' },
      member.token,
    );
    expect(doc.importDocument.myRole).toBe('OWNER');
    const history = await must<{ document: { snapshots: { nodes: unknown[] }; text: string } }>(
      api.url,
      'query($id: ID!) { document(id: $id) { text snapshots { nodes { version } } } }',
      { id: doc.importDocument.id },
      member.token,
    );
    expect(history.document.text).toBe('Mine');

    const anonymous = await gql(api.url, IMPORT, { format: 'MARKDOWN', content: '# hi' }, null);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const link = await shareLink(api.url, doc.importDocument.id, 'EDITOR');
    const guest = await gql(api.url, IMPORT, { format: 'MARKDOWN', content: '# hi' }, link.token);
    expect(guest.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('exports only what the caller may read', async () => {
    const doc = await importDocument(api, 'MARKDOWN', 'Private notes.\n');
    const { createSnapshot } = await must<{ createSnapshot: { version: number } }>(api.url, SNAPSHOT, { id: doc.id });
    // The member has no role on the administrator's document: it is unknown to them.
    expect((await gql(api.url, EXPORT, { id: doc.id, format: 'MARKDOWN' }, member.token)).data?.document).toBeNull();
    expect(
      (await gql(api.url, SNAPSHOT_EXPORT, { id: doc.id, version: createSnapshot.version, format: 'MARKDOWN' }, member.token)).data?.document,
    ).toBeNull();
    // A VIEWER link reads, and so exports.
    const link = await shareLink(api.url, doc.id, 'VIEWER');
    const viewed = await gql<{ document: { export: string } }>(api.url, EXPORT, { id: doc.id, format: 'MARKDOWN' }, link.token);
    expect(viewed.data?.document.export).toBe('Private notes.\n');
  });

  it('survives content nested deeper than any parser expects', async () => {
    const before = await documentCount(api, member.token);
    const result = await gql<{ importDocument: { id: string } }>(
      api.url,
      IMPORT,
      { format: 'MARKDOWN', content: `${'> '.repeat(10_000)}deep` },
      member.token,
    );
    // Either it is read (somehow) or refused as bad input; the server answers and carries on.
    if (result.errors) {
      expect(result.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(await documentCount(api, member.token)).toBe(before);
    } else {
      expect(await exported(api, result.data!.importDocument.id, 'MARKDOWN')).toContain('deep');
    }
    const html = await gql(api.url, IMPORT, { format: 'HTML', content: `${'<div>'.repeat(5_000)}deep` }, member.token);
    expect(html.errors?.[0]?.extensions?.code ?? 'OK').toMatch(/^(OK|BAD_USER_INPUT)$/);
    expect((await gql(api.url, '{ documents(first: 1) { nodes { id } } }')).errors).toBeUndefined();
  });

  it('answers null for the export of a document or version that does not exist', async () => {
    const missing = await gql(api.url, EXPORT, { id: '00000000-0000-0000-0000-000000000000', format: 'HTML' });
    expect(missing.data?.document).toBeNull();
    const id = await createDocument(api.url);
    const version = await gql(api.url, SNAPSHOT_EXPORT, { id, version: 99, format: 'MARKDOWN' });
    expect(version.data?.document).toEqual({ snapshot: null });
  });
});
