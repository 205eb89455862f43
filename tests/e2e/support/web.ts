// The built web app for end-to-end tests: `next build` when the build is missing or older
// than its sources, then `next start` on a given port, pointed at a test API by
// TANDEM_API_URL (read per request, so one build serves every test).
//
// Why build here rather than in turbo's graph: `npm run test:e2e` and a bare
// `npx vitest run --project e2e` must both test the current sources, and a Next build is
// the one input turbo does not know the tests depend on. Checking file times costs nothing
// when the build is fresh (turbo's `build` task, `npm start` and CI reuse it).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const WEB_DIR = join(ROOT, 'apps/web');
const BUILD_ID = join(WEB_DIR, '.next/BUILD_ID');
const NEXT_BIN = join(ROOT, 'node_modules/next/dist/bin/next');

/** Everything a build of the web app is made from. */
const INPUTS = [
  'apps/web/src',
  'apps/web/public',
  'apps/web/next.config.ts',
  'apps/web/package.json',
  'apps/web/tsconfig.json',
  'packages/provider/src',
  'packages/provider/package.json',
  'packages/document-schema/src',
  'packages/document-schema/package.json',
].map((path) => join(ROOT, path));

/** Workspace packages the web app uses as built JavaScript (dist), built first when stale. */
const BUILT_PACKAGES = ['packages/document-schema'].map((path) => join(ROOT, path));

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function buildIsFresh(): boolean {
  if (!existsSync(BUILD_ID)) return false;
  const built = statSync(BUILD_ID).mtimeMs;
  return INPUTS.every((input) => newestMtime(input) <= built);
}

function run(cwd: string, what: string): void {
  const result = spawnSync('npm', ['run', 'build', '--silent'], {
    cwd,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
}

/** Builds the packages apps/web imports from dist when their dist is older than their sources. */
function ensurePackageBuilds(): void {
  for (const dir of BUILT_PACKAGES) {
    const built = join(dir, 'dist/index.js');
    if (existsSync(built) && newestMtime(join(dir, 'src')) <= statSync(built).mtimeMs) continue;
    run(dir, `building ${dir}`);
  }
}

/** Builds apps/web unless its build is newer than all of its sources. */
export function ensureWebBuild(): void {
  ensurePackageBuilds();
  if (buildIsFresh()) return;
  console.log('[e2e] building apps/web (missing or older than its sources)…');
  const started = Date.now();
  run(WEB_DIR, 'next build');
  console.log(`[e2e] built apps/web in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

export interface WebApp {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  close(): Promise<void>;
}

/** `next start` on `port`, talking to the API at `apiUrl` (its /graphql URL, or the path `/graphql` on the page's origin). */
export async function startWeb(options: { port: number; apiUrl: string }): Promise<WebApp> {
  const url = `http://127.0.0.1:${options.port}`;
  const child: ChildProcess = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(options.port), '-H', '127.0.0.1'], {
    cwd: WEB_DIR,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', TANDEM_API_URL: options.apiUrl, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`next start did not answer within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  return {
    url,
    close: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
