// Accounts and sharing in the browser, as a team meets them on a new server: the first person
// creates the administrator account, invites a colleague, shares a document read-only, lets
// them edit while it is open, then removes them; a guest link opens it without an account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchContext, type TestContext } from '../support/browser.js';
import { editorText, eventually, firstPage, readStatus } from './support/editor.js';
import { startStack, type Stack } from './support/stack.js';
import { ensureWebBuild } from './support/web.js';

describe('accounts and sharing', () => {
  let stack: Stack;
  const contexts: TestContext[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    stack = await startStack({ admin: false });
  }, 300_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await stack?.close();
  });

  async function browser() {
    const made = await launchContext();
    contexts.push(made);
    return firstPage(made.context);
  }

  it('first run, an invitation, a read-only share raised and removed live, and a guest link', async () => {
    const web = stack.url;

    // A fresh server sends its first visitor to create the administrator account.
    const ada = await browser();
    await ada.goto(web);
    await ada.getByRole('heading', { name: 'Create the administrator account' }).waitFor({ timeout: 20_000 });
    await ada.getByLabel('Your name').fill('Ada Lovelace');
    await ada.getByLabel('Email').fill('ada@tandem.test');
    await ada.getByLabel('Password').fill('analytical engine');
    await ada.getByRole('button', { name: 'Create and sign in' }).click();
    await ada.waitForURL(`${web}/`);
    await ada.getByText('No documents yet.').waitFor();

    // She invites Grace: an invitation link, copied from the administration page.
    await ada.goto(`${web}/admin`);
    await ada.getByRole('button', { name: 'Create invitation link' }).click();
    const invitation = await ada.getByLabel('Invitation link').inputValue();
    expect(invitation).toMatch(new RegExp(`^${web}/sign-up#invitation=tdm_inv_`));

    const grace = await browser();
    await grace.goto(invitation);
    await grace.getByRole('heading', { name: 'Create your account' }).waitFor();
    await grace.getByLabel('Your name').fill('Grace Hopper');
    await grace.getByLabel('Email').fill('grace@tandem.test');
    await grace.getByLabel('Password').fill('compile everything');
    await grace.getByRole('button', { name: 'Create account' }).click();
    await grace.waitForURL(`${web}/`);

    // Ada writes a document and shares it with Grace, read-only.
    await ada.goto(web);
    await ada.getByPlaceholder('Title of a new document').fill('Notes on the engine');
    await ada.keyboard.press('Enter');
    await ada.waitForURL(/\/d\//);
    const id = ada.url().split('/d/')[1]!;
    await ada.locator('.ProseMirror[contenteditable="true"]').click();
    await ada.keyboard.type('The engine weaves patterns.');
    await ada.getByRole('button', { name: 'Share' }).click();
    const dialog = ada.getByRole('dialog', { name: /Share/ });
    await dialog.getByPlaceholder('Email of someone with an account here').fill('grace@tandem.test');
    await dialog.getByLabel('Their role').selectOption('VIEWER');
    await dialog.getByRole('button', { name: 'Share', exact: true }).click();
    await dialog.getByLabel('Role of Grace Hopper').waitFor();

    await grace.goto(`${web}/d/${id}`);
    await grace.locator('.ProseMirror[contenteditable="false"]').waitFor({ timeout: 20_000 });
    await grace.getByRole('status').filter({ hasText: 'You can view this document' }).waitFor();
    await eventually(async () => expect(await editorText(grace)).toBe('The engine weaves patterns.'));

    // Raised to editor while open: she can type, without a reload.
    await dialog.getByLabel('Role of Grace Hopper').selectOption('EDITOR');
    await grace.locator('.ProseMirror[contenteditable="true"]').waitFor({ timeout: 20_000 });
    await grace.locator('.ProseMirror').click();
    await grace.keyboard.press('End');
    await grace.keyboard.type(' And compiles them.');
    await eventually(async () => expect(await editorText(ada)).toBe('The engine weaves patterns. And compiles them.'));

    // Removed: her editor says the access is gone.
    await dialog.getByRole('button', { name: 'Remove Grace Hopper' }).click();
    const gone = grace.getByRole('alert').filter({ hasText: 'You no longer have access to this document' });
    await gone.waitFor({ timeout: 20_000 });
    // The editor and the status follow in renders of their own.
    await eventually(async () => {
      expect(await grace.locator('.ProseMirror').getAttribute('contenteditable')).toBe('false');
      expect((await readStatus(grace)).text).toBe('No access');
    });

    // A guest link (can edit): someone without an account opens the document and writes.
    await dialog.getByLabel('Role of a new link').selectOption('EDITOR');
    await dialog.getByRole('button', { name: 'Create link' }).click();
    const link = await dialog.getByLabel('Can edit link').inputValue();
    expect(link).toMatch(new RegExp(`^${web}/d/${id}#link=tdm_link_`));

    const guest = await browser();
    await guest.goto(link);
    // A guest picks the name others see.
    const nameDialog = guest.getByRole('dialog');
    await nameDialog.getByLabel('Display name').fill('Visiting Linus');
    await nameDialog.locator('button[type="submit"]').click();
    await guest.locator('.ProseMirror[contenteditable="true"]').waitFor({ timeout: 20_000 });
    await eventually(async () => expect(await editorText(guest)).toBe('The engine weaves patterns. And compiles them.'));
    // The link's token leaves the address bar once read.
    await eventually(() => expect(guest.url()).toBe(`${web}/d/${id}`));
    await guest.locator('.ProseMirror').click();
    await guest.keyboard.press('End');
    await guest.keyboard.type(' A guest agrees.');
    await eventually(async () => expect(await editorText(ada)).toBe('The engine weaves patterns. And compiles them. A guest agrees.'));
    await eventually(async () => expect(await ada.getByTestId('presence').innerText()).toContain('Visiting Linus'));
  });
});
