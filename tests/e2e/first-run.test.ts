// `npm start` as a newcomer runs it: it builds what is missing, starts the API and the editor,
// and ends with one line naming the addresses to open, which then work; Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/api.js';
import { freePort } from '../support/ports.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const READY = /^Tandem is ready: open (http:\/\/localhost:\d+)(?: \(others on your network: http:\/\/[\d.]+:\d+\))?; API and GraphiQL at (http:\/\/localhost:\d+\/graphql)$/;

describe('npm start', () => {
  const dataDir = tempDir('tandem-first-run-');
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('ends with one line naming what to open, and both addresses answer', async () => {
    const [apiPort, webPort] = [await freePort(), await freePort()];
    // Its own process group, so the test can press Ctrl-C as a terminal would: on every process.
    const child = spawn('npm', ['start'], {
      cwd: ROOT,
      detached: true,
      // As on a fresh machine: the embedded database, no Redis (CI exports both for other tests).
      env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', PORT: String(apiPort), WEB_PORT: String(webPort), DATA_DIR: dataDir, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const lines: string[] = [];
    child.stderr!.on('data', () => {});
    try {
      const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
        createInterface({ input: child.stdout! }).on('line', (line) => {
          lines.push(line);
          const match = READY.exec(line);
          if (match) resolve(match);
        });
        child.once('exit', (code) => reject(new Error(`npm start exited (${code}) before it was ready:\n${lines.slice(-30).join('\n')}`)));
      });
      const [, webUrl, apiUrl] = ready;
      expect(webUrl).toBe(`http://localhost:${webPort}`);
      expect(apiUrl).toBe(`http://localhost:${apiPort}/graphql`);

      const page = await fetch(webUrl!);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>Tandem</title>');
      const graphiql = await fetch(apiUrl!, { headers: { accept: 'text/html' } });
      expect(graphiql.status).toBe(200);
      expect(await graphiql.text()).toContain('Tandem GraphiQL');
      // A fresh server waits for its administrator (the web app's first page asks for it).
      const info = await fetch(apiUrl!, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ serverInfo { needsSetup signUp } }' }),
      });
      expect(await info.json()).toEqual({ data: { serverInfo: { needsSetup: true, signUp: 'INVITE' } } });
    } finally {
      if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGINT');
      await exited;
    }
    // Both stopped: nothing answers on their ports any more.
    await expect(fetch(`http://127.0.0.1:${apiPort}/healthz`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${webPort}/`)).rejects.toThrow();
  }, 900_000);
});
