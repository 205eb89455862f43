// The transport chain behind hostile proxies, played by real nginx configurations
// (tests/support/nginx/): where the WebSocket upgrade does not pass the editor syncs over SSE,
// where event streams are held back it syncs by polling, and the status says which. Renames by
// others reach the open editor either way.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../support/browser.js';
import { createDocument, documentText, must } from '../support/clients.js';
import type { HostileNetwork } from '../support/nginx.js';
import { person } from './support/accounts.js';
import { appendParagraph, editorText, eventually, openDocument, readStatus } from './support/editor.js';
import { startStack, type Stack } from './support/stack.js';
import { ensureWebBuild } from './support/web.js';

describe('behind a hostile proxy', () => {
  let stack: Stack | undefined;
  let browser: TestContext | undefined;

  beforeAll(() => ensureWebBuild(), 300_000);

  afterEach(async () => {
    await browser?.close();
    await stack?.close();
    browser = stack = undefined;
  });

  const RENAME = 'mutation($id: ID!, $title: String!) { renameDocument(id: $id, title: $title) { id } }';

  async function editThrough(mode: HostileNetwork) {
    stack = await startStack({ network: mode });
    const id = await createDocument(stack.api.url, `Behind ${mode}`);
    const proxyUser = await person(stack, { color: '#7e22ce' });
    browser = proxyUser.browser;
    const page = proxyUser.page;
    await openDocument(page, stack.url, id);
    return { stack, id, page };
  }

  it('syncs over SSE when the WebSocket upgrade is refused, and says so', async () => {
    const { stack, id, page } = await editThrough('refuse-websocket');
    await eventually(async () => expect(await readStatus(page)).toMatchObject({ state: 'connected', transport: 'sse', synced: true }));

    // Up: typing reaches the server. Down: another client's edit reaches the editor.
    await page.locator('.ProseMirror').click();
    await page.keyboard.type('Typed behind a proxy that refuses WebSockets.');
    await eventually(async () => expect(await documentText(stack.api.url, id)).toBe('Typed behind a proxy that refuses WebSockets.'));
    await appendParagraph(stack.api.url, id, 'Written by someone else.');
    await eventually(async () => expect(await editorText(page)).toBe('Typed behind a proxy that refuses WebSockets.\nWritten by someone else.'));
    await must(stack.api.url, RENAME, { id, title: 'Renamed by someone else' });
    await eventually(async () => expect(await page.getByLabel('Document title').inputValue()).toBe('Renamed by someone else'));

    await eventually(async () => {
      const status = await readStatus(page);
      expect(status).toMatchObject({ state: 'connected', transport: 'sse', pending: 0 });
      expect(status.text).toBe('All changes saved');
    });
    // nginx saw WebSocket handshakes and none of them became a WebSocket.
    const handshakes = stack.nginx.accessLog().filter((entry) => entry.upgrade === 'websocket');
    expect(handshakes.length).toBeGreaterThan(0);
    expect(handshakes.filter((entry) => entry.status === 101)).toEqual([]);
  });

  it('syncs by polling when event streams are held back, and says so', async () => {
    const { stack, id, page } = await editThrough('buffer-streams');
    // WebSocket refused, then SSE opens but delivers nothing within its window: polling.
    await eventually(async () => expect(await readStatus(page)).toMatchObject({ state: 'connected', transport: 'polling', synced: true }), {
      timeout: 30_000,
    });

    await page.locator('.ProseMirror').click();
    await page.keyboard.type('Typed behind a buffering proxy.');
    await eventually(async () => expect(await documentText(stack.api.url, id)).toBe('Typed behind a buffering proxy.'));
    await appendParagraph(stack.api.url, id, 'Arrives with the next poll.');
    await eventually(async () => expect(await editorText(page)).toBe('Typed behind a buffering proxy.\nArrives with the next poll.'));
    await must(stack.api.url, RENAME, { id, title: 'Renamed while polling' });
    await eventually(async () => expect(await page.getByLabel('Document title').inputValue()).toBe('Renamed while polling'));

    await eventually(async () => {
      const status = await readStatus(page);
      expect(status).toMatchObject({ state: 'connected', transport: 'polling', pending: 0 });
      expect(status.text).toBe('All changes saved Delayed');
    });
    // nginx got event streams from the API and passed not one byte of them on before the
    // editor gave up on them (each is logged when the browser closes it).
    await eventually(() => {
      const streams = stack.nginx.accessLog().filter((entry) => entry.contentType.includes('text/event-stream'));
      expect(streams.length).toBeGreaterThan(0);
      expect(streams.filter((entry) => entry.bytesSent > 0)).toEqual([]);
    });
    expect(stack.nginx.accessLog().filter((entry) => entry.upgrade === 'websocket' && entry.status === 101)).toEqual([]);
  });
});
