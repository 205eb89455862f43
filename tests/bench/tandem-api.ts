// The Tandem API under test: started by the bench in its own process (from source, as the
// integration tests do), or one already running at TANDEM_BENCH_API (e.g. started by hand
// under `node --cpu-prof`, or on another machine), which the bench only signs in to.
import { rmSync } from 'node:fs';
import { type Backend, spawnApi, tempDir, WITHOUT_LIMITS } from '../support/api.js';
import { actAs, signInAdmin } from '../support/callers.js';

export const EXTERNAL_API = process.env.TANDEM_BENCH_API || undefined;

export interface BenchApi {
  url: string;
  wsUrl: string;
  /** The process's id when the bench started it (for its memory). */
  pid: number | null;
  stop(): Promise<void>;
}

/** A Tandem API on `backend`, with every per-address limit lifted (the bench is one address). */
export async function benchApi(backend: Backend, env: Record<string, string> = {}, options: { dataDir?: string; built?: boolean; admin?: boolean; nodeArgs?: string[] } = {}): Promise<BenchApi> {
  if (EXTERNAL_API) {
    const url = EXTERNAL_API.replace(/\/$/, '');
    actAs(url, await signInAdmin(url));
    return { url, wsUrl: url.replace(/^http/, 'ws'), pid: null, stop: async () => {} };
  }
  const dataDir = options.dataDir ?? tempDir('tandem-bench-');
  const api = await spawnApi({ backend, dataDir, env: { ...WITHOUT_LIMITS, ...env }, built: options.built, admin: options.admin, nodeArgs: options.nodeArgs });
  return {
    url: api.url,
    wsUrl: api.wsUrl,
    pid: api.process.pid ?? null,
    stop: async () => {
      await api.stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resident memory of a process, in MiB (Linux). */
export async function rssMiB(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kib / 1024;
}

/**
 * Forces a full garbage collection in a process started with --inspect on `port` (through the
 * DevTools protocol, so the API needs no hook of its own) and returns its JavaScript heap in
 * use afterwards, in MiB: a memory figure without the garbage that RSS readings swing with.
 */
export async function heapAfterGc(port: number): Promise<number> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  const { default: WebSocket } = await import('ws');
  const socket = new WebSocket(targets[0]!.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let next = 0;
  const call = (method: string) =>
    new Promise<Record<string, number>>((resolve) => {
      const id = ++next;
      const onMessage = (data: Buffer) => {
        const message = JSON.parse(data.toString()) as { id?: number; result: Record<string, number> };
        if (message.id !== id) return;
        socket.off('message', onMessage);
        resolve(message.result);
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id, method }));
    });
  try {
    await call('HeapProfiler.collectGarbage');
    await call('HeapProfiler.collectGarbage');
    return (await call('Runtime.getHeapUsage')).usedSize! / 1048576;
  } finally {
    socket.close();
  }
}
