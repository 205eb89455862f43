// The API's console, tried as a newcomer would on a machine without internet: GraphiQL at
// /graphql loads everything from the API itself, shows the schema, and runs a query.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchContext, type TestContext } from '../support/browser.js';
import { startApi, type TestApi } from '../support/api.js';
import { eventually, firstPage } from './support/editor.js';

describe('GraphiQL', () => {
  let api: TestApi;
  let browser: TestContext;

  beforeAll(async () => {
    api = await startApi();
    browser = await launchContext();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('works offline: every request stays on the API, the schema loads and a query runs', async () => {
    const page = await firstPage(browser.context);
    const origin = new URL(api.url).origin;
    const elsewhere: string[] = [];
    // No internet: anything not served by the API fails, as it would on an air-gapped machine.
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
      elsewhere.push(url);
      return route.abort('internetdisconnected');
    });

    // Without a caller the API answers what it tells anyone (a token goes in GraphiQL's headers).
    const query = '{ serverInfo { needsSetup signUp } }';
    await page.goto(`${api.url}?query=${encodeURIComponent(query)}`);
    await page.locator('.graphiql-container').first().waitFor({ timeout: 30_000 });
    // The schema came from the API's introspection: the documentation explorer knows Query.
    await page.getByRole('button', { name: /Show Documentation Explorer/i }).click();
    await eventually(async () => expect(await page.locator('.graphiql-doc-explorer').innerText()).toContain('Query'));

    // The answer as GraphiQL received it (its editor draws only the lines in view).
    const answered = page.waitForResponse((response) => response.request().method() === 'POST' && (response.request().postData() ?? '').replace(/\s/g, '').includes('serverInfo'));
    await page.getByRole('button', { name: /Execute query/i }).click();
    const response = await answered;
    expect(await response.json()).toEqual({ data: { serverInfo: { needsSetup: false, signUp: 'INVITE' } } });
    await eventually(async () => expect(await page.locator('.graphiql-response').innerText()).toContain('"serverInfo"'));
    expect(elsewhere).toEqual([]);
  });
});
