// Markdown and HTML in and out of the web app: import several files on the documents page
// (picked or dropped) with progress, open one, and download it again as the same Markdown;
// download a version from the history.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../support/browser.js';
import { person } from './support/accounts.js';
import { eventually } from './support/editor.js';
import { startStack, type Stack } from './support/stack.js';
import { ensureWebBuild } from './support/web.js';

const NOTES = `# Launch notes

Ship on **Monday**, see [the plan](https://example.com/plan).

- [x] Write the post
- [ ] Tell the team

| Step   | Owner |
| ------ | ----- |
| Build  | Ada   |
| Review | Grace |

\`\`\`bash
npm run build
\`\`\`
`;

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

describe('import and download', () => {
  let stack: Stack;
  let browser: TestContext;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuild();
    stack = await startStack();
    // Ida, an account of her own: her imports are hers.
    const ida = await person(stack, { name: 'Ida', color: '#0369a1', browser: { acceptDownloads: true } });
    browser = ida.browser;
    page = ida.page;
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('imports several picked files with progress, and downloads one again as the same Markdown', async () => {
    await page.goto(stack.url);
    await page.getByTestId('import').waitFor();
    await page.getByTestId('import-input').setInputFiles([
      { name: 'Launch notes.md', mimeType: 'text/markdown', buffer: Buffer.from(NOTES) },
      { name: 'page.html', mimeType: 'text/html', buffer: Buffer.from('<h1>From the web</h1><p>kept<script>alert(1)</script></p>') },
      { name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50]) },
    ]);
    const items = page.getByTestId('import-item');
    await eventually(async () =>
      expect(await items.evaluateAll((list) => list.map((item) => item.getAttribute('data-state')))).toEqual(['done', 'done', 'failed']),
    );
    await eventually(async () => expect(await page.getByRole('status').filter({ hasText: 'Imported' }).innerText()).toContain('Imported 2 of 3.'));
    expect(await items.nth(2).innerText()).toContain('Only Markdown (.md) and HTML (.html) files can be imported.');
    // The new documents are in the list.
    await eventually(async () => expect(await page.getByTestId('document-list').innerText()).toContain('Launch notes'));

    await items.nth(0).getByRole('link', { name: 'Open “Launch notes”' }).click();
    await page.waitForURL(/\/d\/[^/]+$/);
    await page.locator('.ProseMirror table').waitFor();
    expect(await page.locator('.ProseMirror ul[data-type="taskList"] > li').count()).toBe(2);

    await page.getByTestId('download-menu').locator('summary').click();
    const markdown = await downloaded(page, () => page.getByRole('button', { name: 'Markdown (.md)' }).click());
    expect(markdown).toEqual({ name: 'Launch notes.md', text: NOTES });
    await page.getByTestId('download-menu').locator('summary').click();
    const html = await downloaded(page, () => page.getByRole('button', { name: 'Web page (.html)' }).click());
    expect(html.name).toBe('Launch notes.html');
    expect(html.text).toContain('<title>Launch notes</title>');
    expect(html.text).toContain('<a target="_blank" rel="noopener noreferrer nofollow" href="https://example.com/plan">the plan</a>');
  });

  it('imports files dropped on the page', async () => {
    await page.goto(stack.url);
    await page.getByTestId('import').waitFor();
    await page.evaluate(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['# Dropped\n\nHello.\n'], 'dropped.md', { type: 'text/markdown' }));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        document.body.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }
    });
    await eventually(async () => expect(await page.getByTestId('import-item').getAttribute('data-state')).toBe('done'));
    await eventually(async () => expect(await page.getByTestId('document-list').innerText()).toContain('dropped'));
  });

  it('downloads a version from the history as it was', async () => {
    await page.goto(stack.url);
    await page.getByTestId('import-input').setInputFiles([{ name: 'Versions.md', mimeType: 'text/markdown', buffer: Buffer.from('Version one.\n') }]);
    await page.getByRole('link', { name: 'Open “Versions”' }).click();
    await page.waitForURL(/\/d\/[^/]+$/);
    await page.locator('.ProseMirror p', { hasText: 'Version one.' }).waitFor();
    await page.getByRole('button', { name: 'History' }).click();
    const panel = page.getByRole('dialog', { name: 'Version history' });
    await panel.getByLabel('Name this version').fill('First');
    await panel.getByLabel('Name this version').press('Enter');
    await panel.locator('button.version', { hasText: 'First' }).waitFor();
    await page.keyboard.press('Escape');
    await page.locator('.ProseMirror').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Edited later.');

    await page.getByRole('button', { name: 'History' }).click();
    await panel.locator('button.version', { hasText: 'First' }).click();
    await panel.getByTestId('version-download-menu').locator('summary').click();
    const file = await downloaded(page, () => panel.getByRole('button', { name: 'Markdown (.md)' }).click());
    expect(file).toEqual({ name: 'Versions (version 1).md', text: 'Version one.\n' });
  });
});
