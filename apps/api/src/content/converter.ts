// Runs conversions (convert-worker.ts) on a worker thread, one job at a time, so that reading
// or writing a large document never stalls the instance's other requests. A job that runs
// past the time limit (a pathological file) has its worker ended and a new one started. Every
// way a job can fail (the content does not fit, the parser gave up, too long, the worker
// died on it) is a ConversionError: the input is what the job was about.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { JSONContent } from '@tiptap/core';
import type { ConversionJob, ConversionReply, ReadResult } from './conversion-jobs.js';
import type { DocumentFormat } from './convert.js';

export class ConversionError extends Error {}

/**
 * Starts the worker: the built JavaScript in production; from the TypeScript sources (tests,
 * `npm run dev`) through tsx, registered inside the worker (Node 20 does not pass --import on
 * to worker threads).
 */
function startWorker(): Worker {
  const built = new URL('./convert-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return new Worker(built);
  const source = new URL('./convert-worker.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(bootstrap, { eval: true });
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: ConversionError) => void;
}

export class Converter {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Jobs run one after another: the worker does one at a time anyway, and timing is per job. */
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  /** How long a job may run, in ms (for jobs sent from then on). */
  constructor(public timeoutMs: number) {}

  read(format: DocumentFormat, content: string): Promise<ReadResult> {
    return this.run({ kind: 'read', format, content }) as Promise<ReadResult>;
  }

  build(body: JSONContent, keepImages: Iterable<string>): Promise<Uint8Array> {
    return this.run({ kind: 'build', body, keepImages: [...keepImages] }) as Promise<Uint8Array>;
  }

  export(state: Uint8Array, format: DocumentFormat, title: string): Promise<string> {
    return this.run({ kind: 'export', state, format, title }) as Promise<string>;
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private run(job: ConversionJob): Promise<unknown> {
    const result = this.queue.then(() => this.send(job));
    this.queue = result.catch(() => {});
    return result;
  }

  private send(job: ConversionJob): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('the converter is closed (the server is shutting down)'));
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        // The worker is busy with this job and cannot be interrupted otherwise.
        this.restart();
        reject(new ConversionError(`the conversion took longer than ${Math.round(this.timeoutMs / 1000)} s`));
      }, this.timeoutMs);
      timer.unref();
      this.pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      worker.postMessage({ id, job });
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker();
    // An idle converter never keeps the process alive.
    worker.unref();
    worker.on('message', (reply: ConversionReply) => {
      const pending = this.pending.get(reply.id);
      if (!pending) return;
      this.pending.delete(reply.id);
      if (reply.ok) pending.resolve(reply.result);
      else pending.reject(new ConversionError(reply.message));
    });
    const fail = (error: ConversionError) => {
      if (this.worker === worker) this.worker = null;
      for (const pending of this.pending.values()) pending.reject(error);
      this.pending.clear();
    };
    worker.on('error', (error) => fail(new ConversionError(`the conversion failed: ${error.message}`)));
    worker.on('exit', (code) => {
      if (this.worker === worker && !this.closed) fail(new ConversionError(`the conversion worker stopped (exit code ${code})`));
    });
    this.worker = worker;
    return worker;
  }

  private restart(): void {
    const worker = this.worker;
    this.worker = null;
    void worker?.terminate();
  }
}
