// Driving and reading the editor page in a test.
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import * as Y from 'yjs';
import { fromBase64, must, PUSH_UPDATE, toBase64 } from '../../support/clients.js';

export interface Identity {
  name: string;
  color: string;
}

/** Every page of this context starts with this display name (as if picked before). */
export async function useIdentity(context: BrowserContext, identity: Identity): Promise<void> {
  await context.addInitScript((value) => {
    window.localStorage.setItem('tandem:identity', JSON.stringify(value));
  }, identity);
}

export async function firstPage(context: BrowserContext): Promise<Page> {
  return context.pages()[0] ?? (await context.newPage());
}

/** Opens /d/<id> and waits for the editor to be ready for typing (or, for a reader, to show). */
export async function openDocument(page: Page, webUrl: string, id: string, options: { editable?: boolean; hash?: string } = {}): Promise<void> {
  await page.goto(`${webUrl}/d/${id}${options.hash ?? ''}`);
  await page.locator(`.ProseMirror[contenteditable="${options.editable === false ? 'false' : 'true'}"]`).waitFor({ timeout: 20_000 });
}

/** The body's text with Document.text's rules (blocks joined by "\n"), without others' caret labels. */
export async function editorText(page: Page): Promise<string> {
  return page.locator('.ProseMirror').evaluate((root) => {
    const copy = root.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret, .ProseMirror-widget').forEach((node) => node.remove());
    return Array.from(copy.querySelectorAll('p, h1, h2, h3, h4, h5, h6, pre'))
      .map((block) => block.textContent ?? '')
      .join('\n');
  });
}

/** Which paragraph each collaborator's caret is in, as this page shows it: name -> block index. */
export async function caretBlocks(page: Page): Promise<Record<string, number>> {
  return page.locator('.ProseMirror').evaluate((root) => {
    const blocks = Array.from(root.querySelectorAll('p, h1, h2, h3, h4, h5, h6, pre'));
    const found: Record<string, number> = {};
    root.querySelectorAll('.collaboration-carets__caret').forEach((caret) => {
      const name = caret.querySelector('.collaboration-carets__label')?.textContent ?? '';
      const block = caret.closest('p, h1, h2, h3, h4, h5, h6, pre');
      found[name] = block ? blocks.indexOf(block) : -1;
    });
    return found;
  });
}

/**
 * Puts `page`'s caret at the end of block `index`, and waits until `observer` shows it there
 * under `name`: the caret a person sees is the one their collaborator's editor really holds.
 */
export async function placeCaretAtEnd(page: Page, index: number, observer: Page, name: string): Promise<void> {
  await page.locator('.ProseMirror p').nth(index).click();
  await page.keyboard.press('End');
  await eventually(async () => expect(await caretBlocks(observer)).toMatchObject({ [name]: index }));
}

export interface StatusView {
  state: string;
  transport: string;
  pending: number;
  synced: boolean;
  text: string;
}

export async function readStatus(page: Page): Promise<StatusView> {
  const status = page.getByTestId('status');
  const [state, transport, pending, synced, text] = await Promise.all([
    status.getAttribute('data-state'),
    status.getAttribute('data-transport'),
    status.getAttribute('data-pending'),
    status.getAttribute('data-synced'),
    status.locator('.status-label, .status-transport').allInnerTexts(),
  ]);
  return { state: state ?? '', transport: transport ?? '', pending: Number(pending), synced: synced === 'true', text: text.join(' ') };
}

/** Retries `check` until it stops throwing, for state that settles asynchronously. */
export async function eventually<T>(check: () => Promise<T> | T, options: { timeout?: number; interval?: number } = {}): Promise<T> {
  const deadline = Date.now() + (options.timeout ?? 15_000);
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, options.interval ?? 100));
    }
  }
}

const DOCUMENT_STATE = 'query($id: ID!) { document(id: $id) { update } }';

/** Appends a paragraph to the document through the API, as another client would. */
export async function appendParagraph(apiUrl: string, id: string, text: string): Promise<void> {
  const data = await must<{ document: { update: string } }>(apiUrl, DOCUMENT_STATE, { id });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, fromBase64(data.document.update));
  const before = Y.encodeStateVector(doc);
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  const body = doc.getXmlFragment('default');
  body.insert(body.length, [paragraph]);
  const update = Y.encodeStateAsUpdate(doc, before);
  await must(apiUrl, PUSH_UPDATE, { id, update: toBase64(update), origin: 'e2e-test' });
}
