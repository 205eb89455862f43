// The editor people expect (issue 9): blocks from the slash menu and from Markdown shortcuts,
// the formatting menu (also on a phone), the link popover, tables, pasted Markdown, and the
// table of contents; what one person makes reaches the other browser, and the server exports it.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContextOptions } from 'playwright-core';
import { launchContext, type TestContext } from '../support/browser.js';
import { shareLink } from '../support/callers.js';
import { createDocument, must } from '../support/clients.js';
import { person as signedIn } from './support/accounts.js';
import { eventually, openDocument } from './support/editor.js';
import { startStack, type Stack } from './support/stack.js';
import { ensureWebBuild } from './support/web.js';

const EXPORT = 'query($id: ID!) { document(id: $id) { export(format: MARKDOWN) } }';

async function exportedMarkdown(stack: Stack, id: string): Promise<string> {
  return (await must<{ document: { export: string } }>(stack.api.url, EXPORT, { id })).document.export;
}

/** Picks `name` in the slash menu by typing "/" and part of the name, then Enter. */
async function slash(page: Page, query: string, expected: string): Promise<void> {
  await page.keyboard.type(`/${query}`);
  const menu = page.getByTestId('slash-menu');
  await menu.waitFor();
  await eventually(async () => expect(await menu.locator('[aria-selected="true"]').getAttribute('data-command')).toBe(expected));
  await page.keyboard.press('Enter');
  await menu.waitFor({ state: 'detached' });
}

/** Puts the caret at the end of the document's last text block. */
async function caretAtEnd(page: Page): Promise<void> {
  await page.locator('.ProseMirror').click();
  await page.keyboard.press('Control+End');
}

/** Cells of the first table on the page, row by row. */
async function tableCells(page: Page): Promise<string[][]> {
  return page.locator('.ProseMirror table').first().evaluate((table) =>
    Array.from(table.querySelectorAll('tr')).map((row) => Array.from(row.querySelectorAll('th, td')).map((cell) => cell.textContent ?? '')),
  );
}

/** The text of each element `selector` finds, without collaborators' carets or hidden labels. */
async function texts(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((elements) =>
    elements.map((element) => {
      const copy = element.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.collaboration-carets__caret, label').forEach((node) => node.remove());
      return copy.textContent ?? '';
    }),
  );
}

/** Pastes `data` (MIME type -> content) as the clipboard would. */
async function paste(page: Page, data: Record<string, string>): Promise<void> {
  await page.locator('.ProseMirror').evaluate((editor, entries) => {
    const transfer = new DataTransfer();
    for (const [type, value] of Object.entries(entries)) transfer.setData(type, value);
    editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, data);
}

describe('the editor', () => {
  let stack: Stack;
  const contexts: TestContext[] = [];
  /** Uncaught errors in any page: none may happen while people use the editor. */
  const pageErrors: string[] = [];

  /** A new account, an editor of `id`, signed in in a browser of its own. */
  async function person(id: string, name: string, color: string, browser?: BrowserContextOptions): Promise<Page> {
    const made = await signedIn(stack, { name, color, documents: [id], browser });
    contexts.push(made.browser);
    made.page.on('pageerror', (error) => pageErrors.push(`${name}: ${error.message}`));
    return made.page;
  }

  beforeAll(async () => {
    ensureWebBuild();
    stack = await startStack();
  }, 300_000);

  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await stack?.close();
  });

  it('sends a table and a task list made with the slash menu to the other browser', async () => {
    const id = await createDocument(stack.api.url, 'Plans');
    const ada = await person(id, 'Ada', '#b91c1c');
    const grace = await person(id, 'Grace', '#0369a1');
    await Promise.all([openDocument(ada, stack.url, id), openDocument(grace, stack.url, id)]);

    await caretAtEnd(ada);
    await ada.keyboard.type('Who does what');
    await ada.keyboard.press('Enter');
    await slash(ada, 'tab', 'table');
    // The caret is in the first header cell: Tab walks the cells.
    for (const text of ['Name', 'Task', '', 'Ada', 'Write', '', 'Grace', 'Review']) {
      if (text) await ada.keyboard.type(text);
      await ada.keyboard.press('Tab');
    }
    const expectedCells = [
      ['Name', 'Task', ''],
      ['Ada', 'Write', ''],
      ['Grace', 'Review', ''],
    ];
    await eventually(async () => expect(await tableCells(ada)).toEqual(expectedCells));

    // The table menu adds and removes columns: drop the empty third one.
    await ada.locator('.ProseMirror td').nth(2).click();
    await ada.getByTestId('table-menu').getByRole('button', { name: 'Delete column' }).click();
    const twoColumns = expectedCells.map((row) => row.slice(0, 2));
    await eventually(async () => expect(await tableCells(ada)).toEqual(twoColumns));

    // Below the table: a task list from the slash menu.
    await caretAtEnd(ada);
    await slash(ada, 'todo', 'task-list');
    await ada.keyboard.type('Book the room');
    await ada.keyboard.press('Enter');
    await ada.keyboard.type('Send the agenda');
    await ada.locator('.ProseMirror ul[data-type="taskList"] > li input[type="checkbox"]').first().check();

    await eventually(async () => {
      expect(await tableCells(grace)).toEqual(twoColumns);
      const tasks = grace.locator('.ProseMirror ul[data-type="taskList"] > li');
      expect(await texts(grace, '.ProseMirror ul[data-type="taskList"] > li')).toEqual(['Book the room', 'Send the agenda']);
      expect(await tasks.evaluateAll((items) => items.map((item) => item.getAttribute('data-checked')))).toEqual(['true', 'false']);
    });
    await eventually(async () =>
      expect(await exportedMarkdown(stack, id)).toBe(
        'Who does what\n\n| Name  | Task   |\n| ----- | ------ |\n| Ada   | Write  |\n| Grace | Review |\n\n- [x] Book the room\n- [ ] Send the agenda\n',
      ),
    );
  });

  it('makes every block from its Markdown shortcut, a table from its header row', async () => {
    const id = await createDocument(stack.api.url, 'Shortcuts');
    const page = await person(id, 'Linus', '#15803d');
    await openDocument(page, stack.url, id);
    await caretAtEnd(page);
    const type = async (text: string) => page.keyboard.type(text);
    await type('## Heading');
    await page.keyboard.press('Enter');
    await type('- bullet');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await type('1. number');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await type('[ ] task');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await type('> quote');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await type('**bold** and `code`');
    await page.keyboard.press('Enter');
    await type('| Key | Value |');
    await page.keyboard.press('Enter');
    await type('a');
    await page.keyboard.press('Tab');
    await type('1');
    await caretAtEnd(page);
    await page.keyboard.press('ArrowDown');
    await type('```js ');
    await type('let x = 1;');
    await eventually(async () =>
      expect(await exportedMarkdown(stack, id)).toBe(
        '## Heading\n\n- bullet\n\n1. number\n\n- [ ] task\n\n> quote\n\n**bold** and `code`\n\n| Key | Value |\n| --- | ----- |\n| a   | 1     |\n\n```js\nlet x = 1;\n```\n',
      ),
    );
    // The code is highlighted as JavaScript.
    expect(await page.locator('.ProseMirror pre .hljs-keyword').first().innerText()).toBe('let');
  });

  it('adds, opens and removes a link with the popover, and the other browser gets it', async () => {
    const id = await createDocument(stack.api.url, 'Links');
    const ada = await person(id, 'Ada', '#b91c1c');
    const grace = await person(id, 'Grace', '#0369a1');
    await Promise.all([openDocument(ada, stack.url, id), openDocument(grace, stack.url, id)]);
    await caretAtEnd(ada);
    await ada.keyboard.type('Read the manual first');
    // Select "manual" from the keyboard, then Ctrl+K.
    for (let i = 0; i < ' first'.length; i++) await ada.keyboard.press('ArrowLeft');
    await ada.keyboard.down('Shift');
    for (let i = 0; i < 'manual'.length; i++) await ada.keyboard.press('ArrowLeft');
    await ada.keyboard.up('Shift');
    await ada.keyboard.press('Control+k');
    const input = ada.getByTestId('link-popover').getByLabel('Link address');
    await input.waitFor();
    await input.fill('javascript:alert(1)');
    await input.press('Enter');
    expect(await ada.getByTestId('link-popover').getByRole('alert').innerText()).toBe('That is not a web or email address.');
    await input.fill('example.com/manual');
    await input.press('Enter');

    await eventually(async () => {
      for (const page of [ada, grace]) {
        const link = page.locator('.ProseMirror a');
        expect(await texts(page, '.ProseMirror a')).toEqual(['manual']);
        expect(await link.getAttribute('href')).toBe('https://example.com/manual');
      }
    });
    // The caret is in the link: the popover shows it, to open or remove.
    const popover = ada.getByTestId('link-popover');
    await eventually(async () => expect(await popover.getByRole('link').getAttribute('href')).toBe('https://example.com/manual'));
    expect(await popover.getByRole('link').getAttribute('target')).toBe('_blank');
    await popover.getByRole('button', { name: 'Remove' }).click();
    await eventually(async () => expect(await grace.locator('.ProseMirror a').count()).toBe(0));
    await eventually(async () => expect(await exportedMarkdown(stack, id)).toBe('Read the manual first\n'));
  });

  it('formats a selection from the floating menu, on a phone too', async () => {
    const id = await createDocument(stack.api.url, 'Phone');
    const phone = await person(id, 'Mo', '#7e22ce', { viewport: { width: 375, height: 720 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await openDocument(phone, stack.url, id);
    await phone.locator('.ProseMirror').tap();
    await phone.keyboard.type('Make this word strong');
    // Select "word" (double tap selects a word on a phone; the keyboard is steadier in a test).
    for (let i = 0; i < ' strong'.length; i++) await phone.keyboard.press('ArrowLeft');
    await phone.keyboard.down('Shift');
    for (let i = 0; i < 'word'.length; i++) await phone.keyboard.press('ArrowLeft');
    await phone.keyboard.up('Shift');
    const menu = phone.getByTestId('formatting-menu');
    await menu.waitFor();
    // All of it on the screen, below the selection (the phone's own callout goes above). Waited
    // for: the menu is placed a moment after it appears.
    await eventually(async () => {
      const box = (await menu.boundingBox())!;
      const selection = (await phone.locator('.ProseMirror p').first().boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(375);
      expect(box.y).toBeGreaterThan(selection.y);
    });
    await menu.getByRole('button', { name: 'Bold' }).tap();
    await eventually(async () => expect(await phone.locator('.ProseMirror strong').innerText()).toBe('word'));
    await eventually(async () => expect(await menu.getByRole('button', { name: 'Bold' }).getAttribute('aria-pressed')).toBe('true'));
    // The same menu turns the paragraph into a heading.
    await menu.getByLabel('Turn into').selectOption('heading-2');
    await eventually(async () => expect(await exportedMarkdown(stack, id)).toBe('## Make this **word** strong\n'));
  });

  it('keeps a pasted Markdown table a table, and says why images from other sites are left out', async () => {
    const id = await createDocument(stack.api.url, 'Paste');
    const page = await person(id, 'Pat', '#a16207');
    await openDocument(page, stack.url, id);
    await caretAtEnd(page);
    await paste(page, { 'text/plain': '| City | Size |\n| --- | --- |\n| Oslo | 709k |\n| Lima | 10M |' });
    await eventually(async () =>
      expect(await tableCells(page)).toEqual([
        ['City', 'Size'],
        ['Oslo', '709k'],
        ['Lima', '10M'],
      ]),
    );
    // An HTML table from another page or a spreadsheet stays a table too.
    await caretAtEnd(page);
    await page.keyboard.press('ArrowDown');
    await paste(page, { 'text/html': '<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>', 'text/plain': 'A\tB\n1\t2' });
    await eventually(async () => expect(await page.locator('.ProseMirror table').count()).toBe(2));

    await paste(page, { 'text/html': '<p>caption</p><img src="https://example.com/cat.png">', 'text/plain': 'caption' });
    await page.getByTestId('editor-notice').waitFor();
    expect(await page.getByTestId('editor-notice').innerText()).toContain('Images from other sites are not copied into documents');
    expect(await page.locator('.ProseMirror img:not(.ProseMirror-separator)').count()).toBe(0);
    await eventually(async () => expect(await page.locator('.ProseMirror').innerText()).toContain('caption'));
  });

  it('uploads a pasted image, which appears for both people', async () => {
    const id = await createDocument(stack.api.url, 'Pictures');
    const ada = await person(id, 'Ada', '#b91c1c');
    const grace = await person(id, 'Grace', '#0369a1');
    await Promise.all([openDocument(ada, stack.url, id), openDocument(grace, stack.url, id)]);
    await caretAtEnd(ada);
    await ada.keyboard.type('A picture: ');
    // A 2×1 PNG, pasted as a file (a screenshot, a copied image).
    await ada.locator('.ProseMirror').evaluate((editor, base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'chart.png', { type: 'image/png' }));
      editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    }, 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAD0lEQVR4nGP4z8DAwPAfAAcAAf9+CLHQAAAAAElFTkSuQmCC');
    for (const page of [ada, grace]) {
      // (ProseMirror puts a separator <img> after an inline node that ends a line.)
      const image = page.locator('.ProseMirror img:not(.ProseMirror-separator)');
      await eventually(async () => {
        expect(await image.getAttribute('src')).toMatch(/\/images\/[0-9a-f-]{36}$/);
        expect(await image.getAttribute('alt')).toBe('chart');
        // Loaded: the API served it to this reader (their session goes with the request).
        expect(await image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(2);
      });
    }
    await eventually(async () => expect(await exportedMarkdown(stack, id)).toMatch(/^A picture: !\[chart\]\(http:\/\/127\.0\.0\.1:\d+\/images\/[0-9a-f-]{36}\)\n$/));
  });

  it('shows images to a guest with a read-only link too', async () => {
    const id = await createDocument(stack.api.url, 'Shared picture');
    const ada = await person(id, 'Ada', '#b91c1c');
    await openDocument(ada, stack.url, id);
    await ada.locator('.ProseMirror').evaluate((editor, base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'dot.png', { type: 'image/png' }));
      editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    }, 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAD0lEQVR4nGP4z8DAwPAfAAcAAf9+CLHQAAAAAElFTkSuQmCC');
    await eventually(async () => expect(await exportedMarkdown(stack, id)).toMatch(/!\[dot\]/));

    // A guest has no session cookie, only the link's token, which an <img> cannot carry.
    const link = await shareLink(stack.api.url, id, 'VIEWER');
    const browser = await launchContext();
    contexts.push(browser);
    const guest = browser.context.pages()[0] ?? (await browser.context.newPage());
    guest.on('pageerror', (error) => pageErrors.push(`guest: ${error.message}`));
    await guest.goto(`${stack.url}/d/${id}#link=${link.token}`);
    const nameDialog = guest.getByRole('dialog');
    await nameDialog.getByLabel('Display name').fill('Visiting Linus');
    await nameDialog.locator('button[type="submit"]').click();
    const image = guest.locator('.ProseMirror img:not(.ProseMirror-separator)');
    await eventually(async () => expect(await image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(2));
    expect(await image.getAttribute('alt')).toBe('dot');
  });

  it('shows a table of contents for a long document and goes to a heading', async () => {
    const id = await createDocument(stack.api.url, 'Long');
    const page = await person(id, 'Lee', '#0f766e', { viewport: { width: 1400, height: 800 } });
    await openDocument(page, stack.url, id);
    await caretAtEnd(page);
    expect(await page.getByTestId('table-of-contents').count()).toBe(0);
    for (const section of ['Intro', 'Method', 'Results']) {
      await page.keyboard.type(`# ${section}`);
      await page.keyboard.press('Enter');
      for (let i = 0; i < 12; i++) {
        await page.keyboard.type(`A line about ${section.toLowerCase()} number ${i}.`);
        await page.keyboard.press('Enter');
      }
    }
    const contents = page.getByTestId('table-of-contents');
    await contents.waitFor();
    // It may show up while the last section is still being typed: wait for all three.
    await eventually(async () => expect(await contents.getByRole('button').allInnerTexts()).toEqual(['Intro', 'Method', 'Results']));
    // Beside the text, not above it.
    expect((await contents.boundingBox())!.x + (await contents.boundingBox())!.width).toBeLessThan((await page.locator('.ProseMirror').boundingBox())!.x);
    await contents.getByRole('button', { name: 'Method' }).click();
    await page.keyboard.type('Our ');
    await eventually(async () => expect(await page.locator('.ProseMirror h1').nth(1).innerText()).toBe('Our Method'));
    expect(await page.getByTestId('document-stats').innerText()).toMatch(/^\d+ words · [\d,]+ characters$/);
  });

  it('undoes only your own change: a table you added goes, a collaborator’s text stays', async () => {
    const id = await createDocument(stack.api.url, 'Undo');
    const ada = await person(id, 'Ada', '#b91c1c');
    const grace = await person(id, 'Grace', '#0369a1');
    await Promise.all([openDocument(ada, stack.url, id), openDocument(grace, stack.url, id)]);
    await caretAtEnd(ada);
    await slash(ada, 'table', 'table');
    await eventually(async () => expect(await grace.locator('.ProseMirror table').count()).toBe(1));
    await caretAtEnd(grace);
    await grace.keyboard.type('Grace was here');
    await eventually(async () => expect(await ada.locator('.ProseMirror').innerText()).toContain('Grace was here'));
    await ada.locator('.ProseMirror th').first().click();
    await ada.keyboard.press('Control+z');
    await eventually(async () => {
      for (const page of [ada, grace]) {
        expect(await page.locator('.ProseMirror table').count()).toBe(0);
        expect(await page.locator('.ProseMirror').innerText()).toContain('Grace was here');
      }
    });
  });
});
