// Find and discuss in the browser (issue 10): two people discuss a passage live — one
// comments on a selection (Ctrl+Alt+M), the other sees the highlight, opens the thread from
// it and replies, the first sees the reply and resolves the thread; and the quick switcher
// (Ctrl+K) opens a document found by a word in its body.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocument } from '../support/clients.js';
import { person, type Person } from './support/accounts.js';
import { appendParagraph, eventually, openDocument } from './support/editor.js';
import { startStack, type Stack } from './support/stack.js';
import { ensureWebBuild } from './support/web.js';

describe('find and discuss', () => {
  let stack: Stack;
  const people: Person[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    stack = await startStack();
  }, 300_000);

  afterAll(async () => {
    for (const someone of people) await someone.browser.close();
    await stack?.close();
  });

  async function join(options: Parameters<typeof person>[1]): Promise<Person> {
    const someone = await person(stack, options);
    people.push(someone);
    return someone;
  }

  it('one comments on a selection, the other sees the highlight and replies live, the first resolves it', async () => {
    const id = await createDocument(stack.api.url, 'Launch plan');
    await appendParagraph(stack.api.url, id, 'We need a date for the launch.');
    await appendParagraph(stack.api.url, id, 'The launch moves to Tuesday morning.');
    const ada = await join({ name: 'Ada', color: '#1f77b4', documents: [id], role: 'COMMENTER' });
    const grace = await join({ name: 'Grace', color: '#d62728', documents: [id], role: 'EDITOR' });
    await openDocument(ada.page, stack.url, id, { editable: false });
    await openDocument(grace.page, stack.url, id);
    await ada.page.getByText('The launch moves to Tuesday morning.').waitFor({ timeout: 20_000 });

    // Ada, who may comment but not edit, selects "Tuesday morning" and presses Ctrl+Alt+M.
    await ada.page.locator('.ProseMirror p', { hasText: 'Tuesday morning' }).evaluate((paragraph) => {
      const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf('Tuesday morning');
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 'Tuesday morning'.length);
        window.getSelection()!.removeAllRanges();
        window.getSelection()!.addRange(range);
        return;
      }
      throw new Error('no text node holds the passage');
    });
    await ada.page.keyboard.press('Control+Alt+KeyM');
    const adaPanel = ada.page.getByTestId('comments-panel');
    await adaPanel.locator('.comment-new .comment-quote', { hasText: 'Tuesday morning' }).waitFor();
    await adaPanel.getByTestId('new-comment-input').fill('Is Tuesday final?');
    await adaPanel.getByRole('button', { name: 'Comment', exact: true }).click();
    await adaPanel.getByTestId('comment-thread').filter({ hasText: 'Is Tuesday final?' }).waitFor();

    // Grace sees the passage highlighted, without a reload, and opens the thread from it.
    const highlight = grace.page.locator('.ProseMirror .comment-highlight');
    await highlight.waitFor({ timeout: 20_000 });
    expect(await highlight.textContent()).toBe('Tuesday morning');
    await expect.poll(() => grace.page.getByTestId('comments-button').textContent(), { timeout: 15_000 }).toBe('Comments (1)');
    await highlight.click();
    const gracePanel = grace.page.getByTestId('comments-panel');
    const graceThread = gracePanel.getByTestId('comment-thread').filter({ hasText: 'Is Tuesday final?' });
    await graceThread.waitFor();
    await eventually(async () => expect(await graceThread.getAttribute('class')).toContain('is-active'));
    await graceThread.getByTestId('reply-input').fill('Yes, final.');
    await graceThread.getByRole('button', { name: 'Reply' }).click();

    // Ada sees the reply arrive, and resolves the thread.
    const adaThread = adaPanel.getByTestId('comment-thread').filter({ hasText: 'Is Tuesday final?' });
    await adaThread.getByText('Yes, final.').waitFor({ timeout: 20_000 });
    expect(await adaThread.getByTestId('comment').allTextContents()).toEqual([
      expect.stringContaining('Is Tuesday final?'),
      expect.stringContaining('Yes, final.'),
    ]);
    await adaThread.getByRole('button', { name: 'Resolve' }).click();

    // For Grace the highlight goes, and the thread is under Resolved.
    await highlight.waitFor({ state: 'detached', timeout: 20_000 });
    await gracePanel.getByRole('tab', { name: 'Resolved (1)' }).waitFor();
    // Nobody's text changed.
    await eventually(async () => expect(await grace.page.locator('.ProseMirror').textContent()).toContain('The launch moves to Tuesday morning.'));
  });

  it('the quick switcher opens a document found by a word in its body', async () => {
    const id = await createDocument(stack.api.url, 'Quarterly numbers');
    await appendParagraph(stack.api.url, id, 'Revenue from the zebrafish programme grew.');
    await createDocument(stack.api.url, 'Something else');
    const admin = await join({ color: '#2ca02c' });
    // Indexed a moment after the change: the search box finds it once it is.
    await eventually(
      async () => {
        await admin.page.goto(stack.url);
        await admin.page.getByTestId('search-input').fill('zebrafish');
        await admin.page.getByTestId('search-results').locator('mark', { hasText: 'zebrafish' }).waitFor({ timeout: 3_000 });
      },
      { timeout: 20_000 },
    );

    await admin.page.getByTestId('search-input').fill('');
    await admin.page.keyboard.press('Control+KeyK');
    const input = admin.page.getByTestId('quick-switcher-input');
    await input.waitFor();
    await input.fill('zebrafish');
    await admin.page.getByRole('option', { name: /Quarterly numbers/ }).waitFor();
    await input.press('Enter');
    await admin.page.waitForURL(`${stack.url}/d/${id}`);
    await admin.page.getByText('Revenue from the zebrafish programme grew.').waitFor({ timeout: 20_000 });
  });
});
