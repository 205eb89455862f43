// People in the browser: accounts signed in through the sign-in page, as a person would.
import type { BrowserContextOptions, Page } from 'playwright-core';
import { ADMIN, ACCOUNT_PASSWORD, createAccount, share, type TestAccount } from '../../support/callers.js';
import { launchContext, type TestContext } from '../../support/browser.js';
import { firstPage, useIdentity } from './editor.js';
import type { Stack } from './stack.js';

/** Signs in through the sign-in page; the browser then holds the API's session cookie. */
export async function signIn(page: Page, webUrl: string, account: { email: string; password: string }): Promise<void> {
  await page.goto(`${webUrl}/sign-in`);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${webUrl}/`, { timeout: 20_000 });
}

export interface Person {
  browser: TestContext;
  page: Page;
  account: { email: string; password: string; name: string };
}

/**
 * A browser of its own, signed in. `name` makes a new account with that name (given `role`
 * on each of `documents`); without it, the server's administrator. `color` is the caret
 * colour it picked before; `browser` sets up the browser (a phone's screen, downloads).
 */
export async function person(
  stack: Stack,
  options: {
    name?: string;
    color: string;
    documents?: string[];
    role?: 'EDITOR' | 'VIEWER' | 'COMMENTER' | 'OWNER';
    browser?: BrowserContextOptions;
  },
): Promise<Person> {
  let account: { email: string; password: string; name: string } = ADMIN;
  if (options.name) {
    const made: TestAccount = await createAccount(stack.api.url, options.name);
    for (const id of options.documents ?? []) await share(stack.api.url, id, made.email, options.role ?? 'EDITOR');
    account = { email: made.email, password: ACCOUNT_PASSWORD, name: made.name };
  }
  const browser = await launchContext(options.browser);
  await useIdentity(browser.context, { name: account.name, color: options.color });
  const page = await firstPage(browser.context);
  await signIn(page, stack.url, account);
  return { browser, page, account };
}
