// What a new user hit (issue 9, point 3), each where a browser can see it: a new document's
// title is a placeholder, long titles and inline code wrap properly on a phone, the status
// speaks a writer's language, two people never share a colour, and a restore tells the
// others what happened and labels the version that holds the text from before it.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContextOptions } from 'playwright-core';
import * as Y from 'yjs';
import type { TestContext } from '../support/browser.js';
import { createDocument, docWithParagraphs, gql, must, PUSH_UPDATE, toBase64 } from '../support/clients.js';
import { person as signedIn } from './support/accounts.js';
import { editorText, eventually, openDocument, readStatus } from './support/editor.js';
import { startStack, type Stack } from './support/stack.js';
import { ensureWebBuild } from './support/web.js';

const DOCUMENT = 'query($id: ID!) { document(id: $id) { title } }';

describe('what a new user hit', () => {
  let stack: Stack;
  const contexts: TestContext[] = [];

  /** A signed-in browser: a new account, an editor of `documents`; or (no name) the administrator. */
  async function person(options: { name?: string; color: string; documents?: string[]; browser?: BrowserContextOptions }): Promise<Page> {
    const made = await signedIn(stack, options);
    contexts.push(made.browser);
    return made.page;
  }

  beforeAll(async () => {
    ensureWebBuild();
    stack = await startStack();
  }, 300_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await stack?.close();
  });

  it('gives a new document a title placeholder, not the text "Untitled"', async () => {
    const page = await person({ color: '#4338ca' });
    await page.goto(stack.url);
    await page.getByRole('button', { name: 'New document' }).click();
    await page.waitForURL(/\/d\/[^/]+$/);
    const id = page.url().split('/d/')[1]!;
    const title = page.getByLabel('Document title');
    await eventually(async () => expect(await title.isEnabled()).toBe(true));
    expect(await title.inputValue()).toBe('');
    expect(await title.getAttribute('placeholder')).toBe('Untitled');
    await title.click();
    await page.keyboard.type('Scratch');
    await page.keyboard.press('Enter');
    await eventually(async () => expect((await must(stack.api.url, DOCUMENT, { id })).document.title).toBe('Scratch'));
    // Enter went on into the text.
    await page.keyboard.type('First line');
    await eventually(async () => expect(await editorText(page)).toBe('First line'));
  });

  it('wraps a long title and keeps inline code whole on a phone', async () => {
    const longTitle = 'Notes from the quarterly planning meeting with the regional teams';
    const id = await createDocument(stack.api.url, longTitle);
    const phone = await person({ name: 'Mo', color: '#7e22ce', documents: [id], browser: { viewport: { width: 375, height: 720 }, isMobile: true, hasTouch: true } });
    await openDocument(phone, stack.url, id);
    const title = phone.getByLabel('Document title');
    await eventually(async () => expect(await title.inputValue()).toBe(longTitle));
    // All of it visible: as wide as the screen allows, and taller than one line instead of cut.
    const size = await title.evaluate((field) => ({
      scrollWidth: field.scrollWidth,
      clientWidth: field.clientWidth,
      scrollHeight: field.scrollHeight,
      clientHeight: field.clientHeight,
      lineHeight: parseFloat(getComputedStyle(field).lineHeight),
    }));
    expect(size.scrollWidth).toBeLessThanOrEqual(size.clientWidth);
    expect(size.scrollHeight).toBeLessThanOrEqual(size.clientHeight + 1);
    expect(size.clientHeight).toBeGreaterThan(1.5 * size.lineHeight);

    await phone.locator('.ProseMirror').tap();
    await phone.keyboard.type('Set `maxConnectionCount` to ten before you start it.');
    const code = phone.locator('.ProseMirror code');
    await eventually(async () => expect(await code.innerText()).toBe('maxConnectionCount'));
    // Push the code along the line a word at a time, past the line's end: wherever it lands it
    // stays one box (moving to the next line whole), never broken between two letters.
    const lines: number[] = [];
    for (let step = 0; step < 16; step++) {
      lines.push(await code.evaluate((element) => element.getClientRects().length));
      await phone.keyboard.press('Control+Home');
      await phone.keyboard.type('so ');
    }
    expect(lines.every((count) => count === 1)).toBe(true);
    expect(await code.evaluate((element) => element.getBoundingClientRect().top)).toBeGreaterThan(
      await phone.locator('.ProseMirror p').first().evaluate((p) => p.getBoundingClientRect().top + 10),
    );
  });

  it('says whether changes are saved, not which protocol carries them', async () => {
    const id = await createDocument(stack.api.url, 'Status');
    const page = await person({ name: 'Sam', color: '#0f766e', documents: [id] });
    await openDocument(page, stack.url, id);
    await page.locator('.ProseMirror').click();
    await page.keyboard.type('Hello');
    await eventually(async () => {
      const status = await readStatus(page);
      expect(status).toMatchObject({ state: 'connected', transport: 'websocket', pending: 0 });
      expect(status.text).toBe('All changes saved');
    });
    expect(await page.locator('header').innerText()).not.toMatch(/websocket|sse|polling/i);
  });

  it('shows two people who picked the same colour in different colours', async () => {
    const id = await createDocument(stack.api.url, 'Colours');
    const ada = await person({ name: 'Ada', color: '#b91c1c', documents: [id] });
    const grace = await person({ name: 'Grace', color: '#b91c1c', documents: [id] });
    await openDocument(ada, stack.url, id);
    await openDocument(grace, stack.url, id);
    const avatarColours = (page: Page) =>
      page.getByTestId('presence').locator('.avatar').evaluateAll((avatars) => avatars.map((avatar) => getComputedStyle(avatar).backgroundColor));
    await eventually(async () => {
      for (const page of [ada, grace]) {
        const colours = await avatarColours(page);
        expect(colours).toHaveLength(2);
        expect(new Set(colours).size).toBe(2);
      }
    });
    // Each browser shows the same colour for the same person.
    const byName = async (page: Page) =>
      Object.fromEntries(
        await page.getByTestId('presence').locator('.presence-item').evaluateAll((items) =>
          items.map((item) => [item.querySelector('.presence-name')!.textContent!.replace('(you)', '').trim(), getComputedStyle(item.querySelector('.avatar')!).backgroundColor]),
        ),
      );
    await eventually(async () => expect(await byName(ada)).toEqual(await byName(grace)));
  });

  it('tells the others who restored which version, and labels the version from before it', async () => {
    const id = await createDocument(stack.api.url, 'Restore');
    await must(stack.api.url, PUSH_UPDATE, { id, update: toBase64(Y.encodeStateAsUpdate(docWithParagraphs('First draft.'))) });
    await must(stack.api.url, 'mutation($id: ID!) { createSnapshot(documentId: $id, label: "Draft") { version } }', { id });
    const ada = await person({ name: 'Ada', color: '#b91c1c', documents: [id] });
    await openDocument(ada, stack.url, id);
    await ada.locator('.ProseMirror').click();
    await ada.keyboard.press('Control+End');
    await ada.keyboard.type(' Then more.');
    await eventually(async () => expect((await readStatus(ada)).pending).toBe(0));

    // Someone else restores the draft (here through the API, as any client could).
    const restored = await gql(stack.api.url, 'mutation($id: ID!) { restoreSnapshot(documentId: $id, version: 1) { id } }', { id });
    expect(restored.errors).toBeUndefined();
    await eventually(async () => expect(await editorText(ada)).toBe('First draft.'));
    const notice = ada.getByTestId('restore-notice');
    await notice.waitFor();
    expect(await notice.innerText()).toContain('restored version 1');
    expect(await notice.innerText()).toContain('The text from just before is kept in the history');
    await notice.getByRole('button', { name: 'Open history' }).click();
    const panel = ada.getByRole('dialog', { name: 'Version history' });
    await panel.waitFor();
    await eventually(async () => expect(await panel.locator('button.version', { hasText: 'Before restoring version 1' }).count()).toBe(1));
  });
});
