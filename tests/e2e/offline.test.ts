// Offline: typing goes on, the status says offline and counts what is not yet saved, a reload
// while offline keeps the text (IndexedDB, plus the service worker for the page itself), and
// reconnecting converges with what others wrote meanwhile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../support/browser.js';
import { createDocument, documentText } from '../support/clients.js';
import { person } from './support/accounts.js';
import { appendParagraph, editorText, eventually, firstPage, openDocument, readStatus } from './support/editor.js';
import { startStack, type Stack } from './support/stack.js';
import { ensureWebBuild } from './support/web.js';

describe('editing offline', () => {
  let stack: Stack;
  let browser: TestContext;

  beforeAll(async () => {
    ensureWebBuild();
    stack = await startStack();
    browser = (await person(stack, { color: '#0f766e' })).browser;
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('keeps typing, counts unsaved changes, survives a reload offline, and converges on reconnect', async () => {
    const { context } = browser;
    const id = await createDocument(stack.api.url, 'Travel journal');
    const page = await firstPage(context);
    await openDocument(page, stack.url, id);

    await page.locator('.ProseMirror').click();
    await page.keyboard.type('Written online.');
    await eventually(async () => expect((await readStatus(page)).text).toBe('All changes saved'));
    expect(await documentText(stack.api.url, id)).toBe('Written online.');

    await context.setOffline(true);
    await eventually(async () => expect(await readStatus(page)).toMatchObject({ state: 'offline', pending: 0 }));

    // Typing continues; the status counts what the server has not acknowledged.
    await page.keyboard.type(' Written on the train.');
    await eventually(async () => {
      const status = await readStatus(page);
      expect(status.state).toBe('offline');
      expect(status.pending).toBeGreaterThan(0);
      expect(status.text).toBe(`Offline · ${status.pending} changes not saved`);
    });
    expect(await editorText(page)).toBe('Written online. Written on the train.');
    await eventually(async () => expect(await page.getByRole('status').filter({ hasText: 'You’re offline' }).count()).toBe(1));
    expect(await documentText(stack.api.url, id)).toBe('Written online.');

    // A reload while still offline: the page comes from the service worker, the text from IndexedDB.
    await page.reload();
    await page.locator('.ProseMirror').waitFor();
    await eventually(async () => expect(await editorText(page)).toBe('Written online. Written on the train.'));
    // What was typed offline is still not on the server, and the status still says so.
    await eventually(async () => {
      const status = await readStatus(page);
      expect(status.state).toBe('offline');
      expect(status.pending).toBeGreaterThan(0);
    });
    await eventually(async () => expect(await page.getByLabel('Document title').inputValue()).toBe('Travel journal'));

    // Meanwhile someone else adds a line.
    await appendParagraph(stack.api.url, id, 'Added by a colleague meanwhile.');

    await context.setOffline(false);
    const expected = 'Written online. Written on the train.\nAdded by a colleague meanwhile.';
    await eventually(async () => {
      expect(await editorText(page)).toBe(expected);
      expect(await documentText(stack.api.url, id)).toBe(expected);
      const status = await readStatus(page);
      expect(status).toMatchObject({ state: 'connected', transport: 'websocket', pending: 0, synced: true });
      expect(status.text).toBe('All changes saved');
    });
  });
});
