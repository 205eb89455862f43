// Two people type into one document at the same time: both editors and the server end with
// the same text, and each sees the other's caret and name.
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../support/browser.js';
import { createDocument, docWithParagraphs, documentText, must, PUSH_UPDATE, toBase64 } from '../support/clients.js';
import * as Y from 'yjs';
import { person } from './support/accounts.js';
import { editorText, eventually, openDocument, placeCaretAtEnd, readStatus } from './support/editor.js';
import { startStack, type Stack } from './support/stack.js';
import { ensureWebBuild } from './support/web.js';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

describe('two people editing one document', () => {
  let stack: Stack;
  const contexts: TestContext[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    stack = await startStack();
  }, 300_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await stack?.close();
  });

  it('converges while both type at once, and shows each the other’s caret and name', async () => {
    const id = await createDocument(stack.api.url, 'Field notes');
    // Two paragraphs to start from, so each person has a line of their own to extend.
    const seed = docWithParagraphs('Ada writes here:', 'Grace writes here:');
    await must(stack.api.url, PUSH_UPDATE, { id, update: toBase64(Y.encodeStateAsUpdate(seed)), origin: 'seed' });

    // Two accounts, each an editor of the document, each signed in in a browser of its own.
    const ada = await person(stack, { name: 'Ada Lovelace', color: '#b91c1c', documents: [id] });
    const grace = await person(stack, { name: 'Grace Hopper', color: '#0369a1', documents: [id] });
    contexts.push(ada.browser, grace.browser);
    const pageA = ada.page;
    const pageB = grace.page;
    await Promise.all([openDocument(pageA, stack.url, id), openDocument(pageB, stack.url, id)]);
    await eventually(async () => expect(await editorText(pageA)).toBe('Ada writes here:\nGrace writes here:'));
    await eventually(async () => expect(await editorText(pageB)).toBe('Ada writes here:\nGrace writes here:'));

    // One after the other, each waiting until the other browser shows the caret where it was
    // put: a click that lands while a collaborator's caret is being drawn must not be mistaken
    // for a convergence failure later.
    await placeCaretAtEnd(pageA, 0, pageB, 'Ada Lovelace');
    await placeCaretAtEnd(pageB, 1, pageA, 'Grace Hopper');

    const wordsA = ' the engine weaves algebraic patterns';
    const wordsB = ' a compiler turns words into code';
    // Interleaved keystrokes from both browsers, as two people typing at the same moment.
    await Promise.all([pageA.keyboard.type(wordsA, { delay: 15 }), pageB.keyboard.type(wordsB, { delay: 15 })]);

    const expected = `Ada writes here:${wordsA}\nGrace writes here:${wordsB}`;
    await eventually(async () => {
      expect(await editorText(pageA)).toBe(expected);
      expect(await editorText(pageB)).toBe(expected);
      expect(await documentText(stack.api.url, id)).toBe(expected);
    });
    for (const page of [pageA, pageB]) {
      await eventually(async () => {
        const status = await readStatus(page);
        expect(status).toMatchObject({ state: 'connected', transport: 'websocket', pending: 0, synced: true });
        expect(status.text).toBe('All changes saved');
      });
    }

    // History names each update's author by the account that made it.
    const snapshot = await must<{ createSnapshot: { authors: string[] } }>(
      stack.api.url,
      'mutation($id: ID!) { createSnapshot(documentId: $id, label: "after typing") { authors } }',
      { id },
    );
    expect(snapshot.createSnapshot.authors).toEqual(expect.arrayContaining(['Ada Lovelace', 'Grace Hopper']));

    // Each sees the other's caret, labelled with the other's name, and lists them as present.
    await eventually(async () => {
      expect(await pageA.locator('.collaboration-carets__label').allInnerTexts()).toEqual(['Grace Hopper']);
      expect(await pageB.locator('.collaboration-carets__label').allInnerTexts()).toEqual(['Ada Lovelace']);
    });
    await eventually(async () => {
      expect(await pageA.getByTestId('presence').innerText()).toContain('Grace Hopper');
      expect(await pageB.getByTestId('presence').innerText()).toContain('Ada Lovelace');
    });

    // A third person only watching sees both carets: that picture goes into the README.
    const linus = await person(stack, { name: 'Linus', color: '#15803d', documents: [id], role: 'VIEWER' });
    contexts.push(linus.browser);
    const pageC = linus.page;
    await pageC.setViewportSize({ width: 960, height: 400 });
    await openDocument(pageC, stack.url, id, { editable: false });
    await eventually(async () => {
      expect((await pageC.locator('.collaboration-carets__label').allInnerTexts()).sort()).toEqual(['Ada Lovelace', 'Grace Hopper']);
    });
    await eventually(async () => expect((await readStatus(pageC)).text).toBe('All changes saved'));
    mkdirSync(ARTIFACTS, { recursive: true });
    await pageC.screenshot({ path: `${ARTIFACTS}two-carets.png` });
    if (process.env.TANDEM_UPDATE_SCREENSHOT) {
      copyFileSync(`${ARTIFACTS}two-carets.png`, fileURLToPath(new URL('../../docs/screenshot.png', import.meta.url)));
    }
  });
});
