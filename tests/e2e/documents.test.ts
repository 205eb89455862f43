// The documents page: create, rename, delete (with confirmation), most recent first, paged;
// and the errors people meet: a deleted document, a server that can't be reached.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../support/browser.js';
import { createDocument, must } from '../support/clients.js';
import { person } from './support/accounts.js';
import { eventually, firstPage, openDocument, readStatus } from './support/editor.js';
import { startStack, type Stack } from './support/stack.js';
import { startApi } from '../support/api.js';
import { freePort } from '../support/ports.js';
import { ensureWebBuild, startWeb } from './support/web.js';

const DOCUMENT = 'query($id: ID!) { document(id: $id) { id title } }';
const DOCUMENTS = 'query { documents(first: 100) { nodes { id title } } }';

describe('documents page', () => {
  let stack: Stack;
  let browser: TestContext;

  beforeAll(async () => {
    ensureWebBuild();
    stack = await startStack();
    browser = (await person(stack, { color: '#4338ca' })).browser;
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('creates, renames and deletes a document', async () => {
    const page = await firstPage(browser.context);
    await page.goto(stack.url);
    await page.getByText('No documents yet.').waitFor();

    // Create: type a title, press Enter, land in the new document.
    await page.keyboard.press('n');
    await page.keyboard.type('Quarterly plan');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/d\/[^/]+$/);
    const id = page.url().split('/d/')[1]!;
    await eventually(async () => expect(await page.getByLabel('Document title').inputValue()).toBe('Quarterly plan'));
    await eventually(async () => expect((await readStatus(page)).text).toBe('All changes saved'));
    expect((await must(stack.api.url, DOCUMENT, { id })).document).toEqual({ id, title: 'Quarterly plan' });

    await page.getByRole('link', { name: 'Documents' }).click();
    const row = page.locator(`[data-testid="document-row"][data-id="${id}"]`);
    await row.waitFor();
    expect(await row.locator('.document-title').innerText()).toBe('Quarterly plan');

    // Rename in place: Enter saves.
    await row.getByRole('button', { name: 'Rename “Quarterly plan”' }).click();
    const input = row.getByLabel('New title for “Quarterly plan”');
    await input.fill('Quarterly plan, revised');
    await input.press('Enter');
    await eventually(async () => expect(await row.locator('.document-title').innerText()).toBe('Quarterly plan, revised'));
    expect((await must(stack.api.url, DOCUMENT, { id })).document.title).toBe('Quarterly plan, revised');

    // Delete asks first; Cancel keeps it.
    await row.getByRole('button', { name: 'Delete “Quarterly plan, revised”' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete “Quarterly plan, revised”?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await must(stack.api.url, DOCUMENT, { id })).document).not.toBeNull();

    await row.getByRole('button', { name: 'Delete “Quarterly plan, revised”' }).click();
    await dialog.getByRole('button', { name: 'Delete document' }).click();
    await row.waitFor({ state: 'detached' });
    expect((await must(stack.api.url, DOCUMENT, { id })).document).toBeNull();
  });

  it('lists the most recently updated first, twenty at a time', async () => {
    for (let n = 1; n <= 23; n++) await createDocument(stack.api.url, `Note ${String(n).padStart(2, '0')}`);
    const all = (await must<{ documents: { nodes: { title: string }[] } }>(stack.api.url, DOCUMENTS)).documents.nodes.map((doc) => doc.title);
    expect(all.indexOf('Note 23')).toBeLessThan(all.indexOf('Note 01'));

    const page = await firstPage(browser.context);
    await page.goto(stack.url);
    const titles = page.getByTestId('document-row').locator('.document-title');
    await eventually(async () => expect(await titles.allInnerTexts()).toEqual(all.slice(0, 20)));
    expect(all[0]).toBe('Note 23');

    await page.getByRole('button', { name: 'Show more' }).click();
    await eventually(async () => expect(await titles.allInnerTexts()).toEqual(all));
    await expect(page.getByRole('button', { name: 'Show more' }).count()).resolves.toBe(0);
  });

  it('says so when the open document is deleted by someone else', async () => {
    const id = await createDocument(stack.api.url, 'Doomed draft');
    const page = await firstPage(browser.context);
    await openDocument(page, stack.url, id);
    await eventually(async () => expect((await readStatus(page)).synced).toBe(true));

    await must(stack.api.url, 'mutation($id: ID!) { deleteDocument(id: $id) }', { id });
    const alert = page.getByRole('alert').filter({ hasText: 'This document has been deleted' });
    await alert.waitFor();
    // The editor and the status follow in renders of their own.
    await eventually(async () => {
      expect(await page.locator('.ProseMirror').getAttribute('contenteditable')).toBe('false');
      expect((await readStatus(page)).text).toBe('Deleted');
    });
  });

  it('says “no such document” for an address that leads nowhere', async () => {
    const page = await firstPage(browser.context);
    await page.goto(`${stack.url}/d/does-not-exist`);
    const alert = page.getByRole('alert').filter({ hasText: 'No such document' });
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.innerText()).toContain('hasn’t been shared with you');
    await expect(page.getByRole('alert').filter({ hasText: 'deleted' }).count()).resolves.toBe(0);
  });

  it('says what to do when the server can’t be reached', async () => {
    // A web app pointed at a port where no API listens.
    const deadPort = await freePort();
    const web = await startWeb({ port: await freePort(), apiUrl: `http://127.0.0.1:${deadPort}/graphql` });
    try {
      const page = await firstPage(browser.context);
      await page.goto(web.url);
      const warning = page.getByRole('status').filter({ hasText: 'Can’t reach the Tandem API' });
      await warning.waitFor({ timeout: 20_000 });
      expect(await warning.innerText()).toContain(`Nothing answers at http://127.0.0.1:${deadPort}/graphql. Check that the API is running`);

      // Someone who used Tandem on this device before goes on writing (kept on this device).
      await page.evaluate(() =>
        localStorage.setItem('tandem:me', JSON.stringify({ id: 'u1', email: 'dora@tandem.test', name: 'Dora', role: 'MEMBER' })),
      );
      await page.goto(`${web.url}/d/00000000-0000-4000-8000-000000000000`);
      const offline = page.getByRole('status').filter({ hasText: 'Can’t reach the server' });
      await offline.waitFor({ timeout: 20_000 });
      expect(await offline.innerText()).toContain('Keep writing: changes are kept on this device');
      await eventually(async () => {
        expect((await readStatus(page)).text).toBe('Offline');
        expect(await page.locator('.ProseMirror').getAttribute('contenteditable')).toBe('true');
      });
    } finally {
      await web.close();
    }
  });

  it('names the cause when the API refuses the page’s address, and what to set', async () => {
    // An API set up for another public address than the one the page is opened at.
    const api = await startApi({ env: { PUBLIC_URL: 'https://tandem.example.com' } });
    const port = await freePort();
    const web = await startWeb({ port, apiUrl: api.url });
    try {
      const page = await firstPage(browser.context);
      await page.goto(web.url);
      const alert = page.getByRole('alert').filter({ hasText: 'The Tandem API refuses this page’s address' });
      await alert.waitFor({ timeout: 20_000 });
      expect(await alert.innerText()).toContain(`PUBLIC_URL=http://127.0.0.1:${port}`);
    } finally {
      await web.close();
      await api.close();
    }
  });
});
