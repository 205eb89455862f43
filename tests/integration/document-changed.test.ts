// documentChanged: the document now, then again on every rename and every stored version, so
// an open editor shows a new title or version at once; deleting the document ends it. The
// provider follows it (watchDocument) over each of its transports, polling included.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApi, type TestApi } from '../support/api.js';
import type { DocumentInfo } from '@tandem/provider';
import { createDocument, endsWith, must, sseClient, subscription, wsClient } from '../support/clients.js';
import { connectProvider } from '../support/providers.js';

const DOCUMENT_CHANGED = 'subscription($id: ID!) { documentChanged(documentId: $id) { id title latestVersion } }';
const RENAME = 'mutation($id: ID!, $title: String!) { renameDocument(id: $id, title: $title) { title } }';
const CREATE_SNAPSHOT = 'mutation($id: ID!, $label: String) { createSnapshot(documentId: $id, label: $label) { version } }';
const DELETE = 'mutation($id: ID!) { deleteDocument(id: $id) }';

type Changed = { documentChanged: { id: string; title: string; latestVersion: number | null } };

describe('documentChanged', () => {
  let api: TestApi;
  const disposers: (() => unknown)[] = [];

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    for (const dispose of disposers) await dispose();
    await api?.close();
  });

  it.each(['graphql-ws', 'graphql-sse'] as const)('over %s: now, after a rename, after a version, and NOT_FOUND on delete', async (transport) => {
    const id = await createDocument(api.url, 'Draft');
    const client = transport === 'graphql-ws' ? wsClient(api.wsUrl) : sseClient(api.streamUrl);
    disposers.push(() => client.dispose());
    const changes = subscription<Changed>(client, DOCUMENT_CHANGED, { id });
    expect((await changes.next()).data?.documentChanged).toEqual({ id, title: 'Draft', latestVersion: null });

    await must(api.url, RENAME, { id, title: 'Field notes' });
    expect((await changes.next()).data?.documentChanged).toEqual({ id, title: 'Field notes', latestVersion: null });

    await must(api.url, CREATE_SNAPSHOT, { id, label: 'first draft' });
    expect((await changes.next()).data?.documentChanged).toEqual({ id, title: 'Field notes', latestVersion: 1 });

    await must(api.url, DELETE, { id });
    await endsWith(changes, 'NOT_FOUND');
  });

  it('a burst of renames ends with the last title', async () => {
    const id = await createDocument(api.url, 'Draft');
    const client = wsClient(api.wsUrl);
    disposers.push(() => client.dispose());
    const changes = subscription<Changed>(client, DOCUMENT_CHANGED, { id });
    await changes.next();
    await Promise.all(Array.from({ length: 10 }, (_, i) => must(api.url, RENAME, { id, title: `Title ${i}` })));
    await must(api.url, RENAME, { id, title: 'Final' });
    let last = '';
    while (last !== 'Final') last = (await changes.next()).data!.documentChanged.title;
  });

  it('an unknown document is NOT_FOUND', async () => {
    const client = wsClient(api.wsUrl);
    disposers.push(() => client.dispose());
    await endsWith(subscription(client, DOCUMENT_CHANGED, { id: 'no-such-document' }), 'NOT_FOUND');
  });

  it.each(['websocket', 'sse', 'polling'] as const)('the provider reports the title, the newest version and the caller’s role over %s', async (transport) => {
    const id = await createDocument(api.url, 'Draft');
    const { doc, provider } = connectProvider(api.url, id, { transport, watchDocument: true, pollInterval: 100 });
    disposers.push(() => provider.destroy(), () => doc.destroy());
    const seen: DocumentInfo[] = [];
    provider.on('document', (info) => seen.push(info));
    await vi.waitFor(() => expect(provider.documentInfo).toEqual({ title: 'Draft', latestVersion: null, myRole: 'OWNER' }), { timeout: 10_000 });

    await must(api.url, RENAME, { id, title: 'Field notes' });
    await vi.waitFor(() => expect(provider.documentInfo).toEqual({ title: 'Field notes', latestVersion: null, myRole: 'OWNER' }), { timeout: 10_000 });
    await must(api.url, CREATE_SNAPSHOT, { id, label: 'named' });
    await vi.waitFor(() => expect(provider.documentInfo).toEqual({ title: 'Field notes', latestVersion: 1, myRole: 'OWNER' }), { timeout: 10_000 });
    expect(seen.at(-1)).toEqual(provider.documentInfo);
    expect(provider.status.transport).toBe(transport);
  });
});
