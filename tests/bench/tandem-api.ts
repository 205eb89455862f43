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
export async function benchApi(backend: Backend, env: Record<string, string> = {}, options: { dataDir?: string; built?: boolean; admin?: boolean } = {}): Promise<BenchApi> {
  if (EXTERNAL_API) {
    const url = EXTERNAL_API.replace(/\/$/, '');
    actAs(url, await signInAdmin(url));
    return { url, wsUrl: url.replace(/^http/, 'ws'), pid: null, stop: async () => {} };
  }
  const dataDir = options.dataDir ?? tempDir('tandem-bench-');
  const api = await spawnApi({ backend, dataDir, env: { ...WITHOUT_LIMITS, ...env }, built: options.built, admin: options.admin });
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
