// Debian's nginx in front of a test stack, run as an ordinary process: its own prefix, pid,
// logs and temp folders in a fresh directory, listening on a free port of 127.0.0.1. The
// site configuration is a real file: docs/deploy/nginx.conf (what the README recommends) or one
// of ./nginx/*.conf (hostile networks). Each names its upstreams and port with the deploy file's
// defaults, `server 127.0.0.1:3000;` (web), `server 127.0.0.1:4000;` (API) and `listen 80;`,
// which are replaced here by the test's own addresses.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './ports.js';

/** The configuration the README recommends. */
export const DEPLOY_CONFIG = fileURLToPath(new URL('../../docs/deploy/nginx.conf', import.meta.url));

/** Real nginx configurations playing the hostile networks of the fallback chain. */
export const HOSTILE_CONFIGS = {
  /** A stock `proxy_pass`: no WebSocket upgrade passes, event streams do. */
  'refuse-websocket': fileURLToPath(new URL('./nginx/refuse-websocket.conf', import.meta.url)),
  /** No WebSocket upgrade, and event streams held back until they end (which they never do). */
  'buffer-streams': fileURLToPath(new URL('./nginx/buffer-streams.conf', import.meta.url)),
} as const;

export type HostileNetwork = keyof typeof HOSTILE_CONFIGS;

/** One request as nginx logged it (once it finished, or was given up by the client). */
export interface AccessLogEntry {
  status: number;
  method: string;
  uri: string;
  /** The client's Upgrade header ('' when none). */
  upgrade: string;
  /** Content-Type of the upstream's answer ('' when there was none). */
  contentType: string;
  /** Bytes nginx sent to the client, headers included. */
  bytesSent: number;
}

export interface Nginx {
  /** http://127.0.0.1:<port>: the one origin of web app and API. */
  readonly url: string;
  accessLog(): AccessLogEntry[];
  close(): Promise<void>;
}

export function nginxBinary(): string {
  const configured = process.env.NGINX_PATH;
  if (configured) return configured;
  for (const candidate of ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx']) {
    if (existsSync(candidate)) return candidate;
  }
  const found = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' }).stdout.trim();
  if (found) return found;
  throw new Error('nginx is not installed: the browser tests run behind it (Debian: apt-get install nginx; or set NGINX_PATH)');
}

/** `file` with its deploy-default port and upstreams replaced; each must occur exactly once. */
export function siteConfig(file: string, addresses: { port: number; web: string; api: string }): string {
  let text = readFileSync(file, 'utf8');
  const replacements: [string, string][] = [
    ['listen 80;', `listen 127.0.0.1:${addresses.port};`],
    ['server 127.0.0.1:3000;', `server ${addresses.web};`],
    ['server 127.0.0.1:4000;', `server ${addresses.api};`],
  ];
  for (const [from, to] of replacements) {
    const count = text.split(from).length - 1;
    if (count !== 1) throw new Error(`${file} must contain "${from}" exactly once (found ${count})`);
    text = text.replace(from, to);
  }
  return text;
}

function mainConfig(dir: string, site: string, asRoot: boolean): string {
  const temp = (name: string) => join(dir, 'temp', name);
  return `
${asRoot ? 'user root;' : ''}
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
events { worker_connections 512; }
http {
  client_body_temp_path ${temp('body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
  log_format tandem_test escape=json '{"status":$status,"method":"$request_method","uri":"$request_uri","upgrade":"$http_upgrade","contentType":"$upstream_http_content_type","bytesSent":$bytes_sent}';
  access_log ${join(dir, 'access.log')} tandem_test;
  include ${site};
}
`;
}

async function tryStart(site: { file: string; web: string; api: string }, port: number): Promise<Nginx | 'port-taken'> {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-nginx-'));
  // Workers of a root master run as another user by default; root keeps them as root so they
  // may use the temp folders below, anyone else runs them as themselves anyway.
  const asRoot = process.getuid?.() === 0;
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'temp'));
  writeFileSync(join(dir, 'site.conf'), siteConfig(site.file, { port, web: site.web, api: site.api }));
  writeFileSync(join(dir, 'nginx.conf'), mainConfig(dir, join(dir, 'site.conf'), asRoot));
  const child: ChildProcess = spawn(
    nginxBinary(),
    ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log'), '-g', 'daemon off;'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const errors = () => stderr + (existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : '');
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) {
      const output = errors();
      rmSync(dir, { recursive: true, force: true });
      if (/Address already in use/.test(output)) return 'port-taken';
      throw new Error(`nginx exited with ${child.exitCode}:\n${output}`);
    }
    // Any answer means nginx is listening (the upstreams may not be up yet).
    const listening = await fetch(`${url}/nginx-ready-check`, { signal: AbortSignal.timeout(1_000) }).then(
      () => true,
      () => false,
    );
    if (listening) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`nginx did not listen within 20 s:\n${errors()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  return {
    url,
    accessLog: () => {
      const path = join(dir, 'access.log');
      if (!existsSync(path)) return [];
      return readFileSync(path, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as AccessLogEntry)
        .filter((entry) => entry.uri !== '/nginx-ready-check');
    },
    close: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** nginx with `file` as its site, in front of the web app and the API at `web` and `api` (host:port). */
export async function startNginx(site: { file: string; web: string; api: string }): Promise<Nginx> {
  // A free port can be taken by someone else before nginx binds it: try another.
  for (let attempt = 0; ; attempt++) {
    const started = await tryStart(site, await freePort());
    if (started !== 'port-taken') return started;
    if (attempt >= 4) throw new Error('nginx found no free port in 5 attempts');
  }
}
