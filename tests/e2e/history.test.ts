// Document history in the editor: one person names a version, writes on, previews and compares
// the named version in the History panel and restores it; the other person's editor shows the
// restored text live, without a reload, and the restore is itself in the history.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../support/browser.js';
import { createDocument, documentText, must } from '../support/clients.js';
import { person } from './support/accounts.js';
import { appendParagraph, editorText, eventually, openDocument, readStatus } from './support/editor.js';
import { startStack, type Stack } from './support/stack.js';
import { ensureWebBuild } from './support/web.js';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

describe('version history', () => {
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

  it('names, previews, compares and restores a version; the other editor follows live', async () => {
    const id = await createDocument(stack.api.url, 'Meeting minutes');
    const ada = await person(stack, { name: 'Ada Lovelace', color: '#b91c1c', documents: [id] });
    const grace = await person(stack, { name: 'Grace Hopper', color: '#0369a1', documents: [id] });
    contexts.push(ada.browser, grace.browser);
    const pageA = ada.page;
    const pageB = grace.page;
    await Promise.all([openDocument(pageA, stack.url, id), openDocument(pageB, stack.url, id)]);

    // Grace keeps the history open while Ada works: new versions and titles reach her as they
    // happen (documentChanged), with no reload and no periodic check while it is connected.
    await pageB.getByRole('button', { name: 'History' }).click();
    const panelB = pageB.getByRole('dialog', { name: 'Version history' });
    await panelB.waitFor();

    // Ada writes the first line and names that state.
    const first = 'Agenda: budget and hiring.';
    await pageA.locator('.ProseMirror').click();
    await pageA.keyboard.type(first, { delay: 10 });
    await eventually(async () => expect(await documentText(stack.api.url, id)).toBe(first));

    await pageA.getByRole('button', { name: 'History' }).click();
    const panel = pageA.getByRole('dialog', { name: 'Version history' });
    await panel.waitFor();
    await panel.getByLabel('Name this version').fill('Before the meeting');
    await panel.getByLabel('Name this version').press('Enter');
    const named = panel.locator('button.version', { hasText: 'Before the meeting' });
    await named.waitFor();
    const version = Number(await named.getAttribute('data-version'));
    expect(version).toBeGreaterThan(0);
    await eventually(async () => expect(await panelB.locator('button.version', { hasText: 'Before the meeting' }).count()).toBe(1));
    // Escape closes the panel.
    await pageA.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });

    // Ada renames the document; Grace's title follows.
    await pageA.getByLabel('Document title').fill('Minutes, 21 November');
    await pageA.getByLabel('Document title').press('Enter');
    await eventually(async () => expect(await pageB.getByLabel('Document title').inputValue()).toBe('Minutes, 21 November'));
    await pageB.keyboard.press('Escape');
    await panelB.waitFor({ state: 'hidden' });

    // Ada writes on; Grace sees it.
    const later = 'Decision: hire two engineers.';
    await pageA.locator('.ProseMirror').click();
    await pageA.keyboard.press('Control+End');
    await pageA.keyboard.press('Enter');
    await pageA.keyboard.type(later, { delay: 10 });
    await eventually(async () => expect(await editorText(pageB)).toBe(`${first}\n${later}`));
    await eventually(async () => expect(await documentText(stack.api.url, id)).toBe(`${first}\n${later}`));

    // Grace's page must not reload from here on: a marker on its window would not survive one.
    await pageB.evaluate(() => ((window as unknown as { historyTestMarker: string }).historyTestMarker = 'still here'));

    // The keyboard opens the panel too; the named version's preview holds only the first line.
    await pageA.keyboard.press('Control+Alt+Shift+H');
    await panel.waitFor();
    await named.click();
    const preview = panel.getByTestId('version-preview');
    await eventually(async () => expect(await preview.locator('.ProseMirror').innerText()).toBe(first));
    expect(await preview.locator('.ProseMirror').getAttribute('contenteditable')).toBe('false');

    // Compared with the current text, the later line is marked as added, with its count.
    await panel.getByRole('button', { name: 'Compare with current' }).click();
    const diff = panel.getByTestId('version-diff');
    await eventually(async () => expect(await diff.locator('ins').allInnerTexts()).toEqual([later]));
    expect(await diff.locator('del').count()).toBe(0);
    expect(await diff.getByTestId('inserted-characters').innerText()).toBe(`+${later.length} characters added`);
    expect(await diff.locator('[data-change="INSERTED"]').count()).toBe(1);
    expect(await diff.locator('.diff-gap').innerText()).toBe('1 unchanged paragraph');
    mkdirSync(ARTIFACTS, { recursive: true });
    await pageA.screenshot({ path: `${ARTIFACTS}history.png` });

    // Restore asks first.
    await panel.getByRole('button', { name: 'Restore this version' }).click();
    const confirm = pageA.getByRole('dialog', { name: `Restore version ${version}?` });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Restore version' }).click();
    await confirm.waitFor({ state: 'hidden' });

    // Both editors and the server hold the named version's text; Grace's page never reloaded.
    await eventually(async () => expect(await editorText(pageB)).toBe(first));
    await eventually(async () => expect(await editorText(pageA)).toBe(first));
    expect(await documentText(stack.api.url, id)).toBe(first);
    expect(await pageB.evaluate(() => (window as unknown as { historyTestMarker?: string }).historyTestMarker)).toBe('still here');
    await eventually(async () => expect(await readStatus(pageB)).toMatchObject({ state: 'connected', synced: true }));

    // The restore is a version of its own, on top of the list; the comparison now finds nothing.
    const restored = panel.locator('button.version').first();
    await eventually(async () => expect(await restored.locator('.version-title').innerText()).toContain(`Restored version ${version}`));
    await eventually(async () => expect(await diff.innerText()).toContain(`The current text is the same as version ${version}.`));
  });

  it('pages through many versions with Show more, and keeps those pages when the list refreshes', async () => {
    const id = await createDocument(stack.api.url, 'Long history');
    const total = 45; // a page is 30
    for (let n = 1; n <= total; n++) {
      await appendParagraph(stack.api.url, id, `Line ${n}`);
      await must(stack.api.url, 'mutation($id: ID!, $label: String) { createSnapshot(documentId: $id, label: $label) { version } }', {
        id,
        label: `Step ${n}`,
      });
    }
    const linus = await person(stack, { name: 'Linus', color: '#15803d', documents: [id] });
    contexts.push(linus.browser);
    const page = linus.page;
    await openDocument(page, stack.url, id);
    await page.getByRole('button', { name: 'History' }).click();
    const panel = page.getByRole('dialog', { name: 'Version history' });
    const versions = panel.locator('button.version');
    const numbers = async () => (await versions.evaluateAll((nodes) => nodes.map((node) => Number(node.getAttribute('data-version')))));
    const newestFirst = (from: number, count: number) => Array.from({ length: count }, (_, index) => from - index);

    await eventually(async () => expect(await numbers()).toEqual(newestFirst(total, 30)));
    await panel.getByRole('button', { name: 'Show more' }).click();
    await eventually(async () => expect(await numbers()).toEqual(newestFirst(total, total)));
    await panel.getByRole('button', { name: 'Show more' }).waitFor({ state: 'detached' });

    // Naming a version refreshes the newest page; the older pages already shown stay.
    await panel.getByLabel('Name this version').fill('Checkpoint');
    await panel.getByLabel('Name this version').press('Enter');
    await eventually(async () => expect(await numbers()).toEqual(newestFirst(total + 1, total + 1)));
    expect(await versions.first().locator('.version-title').innerText()).toBe('Checkpoint');
  });
});
