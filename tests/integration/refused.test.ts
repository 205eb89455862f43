// A change the server refuses for good (here: over the size limit) is reported, and the
// provider never claims that everything is saved afterwards: the refused change, and this
// client's later edits that build on it, exist only locally.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApi, type TestApi } from '../support/api.js';
import { createDocument, documentText } from '../support/clients.js';
import { appendParagraph } from '../support/docs.js';
import { connectProvider } from '../support/providers.js';

const LIMIT = 8 * 1024;

describe('refused updates', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ env: { MAX_UPDATE_BYTES: String(LIMIT) } });
  });
  afterAll(() => api?.close());

  it('are reported and keep the status from saying everything is saved', async () => {
    const id = await createDocument(api.url);
    const { doc, provider } = connectProvider(api.url, id);
    const rejected: string[] = [];
    provider.on('error', (error) => {
      if (error.type === 'update-rejected') rejected.push(error.error.code ?? '');
    });
    try {
      await provider.whenSynced();
      appendParagraph(doc, 'kept');
      await provider.flush();
      expect(provider.status).toMatchObject({ pending: 0, refused: 0 });

      appendParagraph(doc, 'x'.repeat(LIMIT * 2)); // a paste too large to store
      await vi.waitFor(() => expect(provider.status.refused).toBe(1), { timeout: 10_000 });
      appendParagraph(doc, 'typed after it');
      await provider.flush();

      expect(rejected).toEqual(['PAYLOAD_TOO_LARGE']);
      expect(provider.status).toMatchObject({ state: 'connected', pending: 0, refused: 1 });
      // The server kept what came before the refused change, and nothing after it shows.
      expect(await documentText(api.url, id)).toBe('kept');
    } finally {
      provider.destroy();
    }
  });
});
