// The worker thread that does the conversions (converter.ts sends it jobs): reading Markdown
// and HTML, building a body's Yjs update, writing exports. They take seconds for large
// documents, which on the main thread would hold up every other request of the instance.
import { parentPort } from 'node:worker_threads';
import { imageIdsIn, withImagesFrom } from '@tandem/document-schema';
import { bodyUpdate } from './body.js';
import { exportState, readContent } from './convert.js';
import type { ConversionJob, ConversionReply } from './conversion-jobs.js';

function run(job: ConversionJob): { result: unknown; transfer: ArrayBuffer[] } {
  switch (job.kind) {
    case 'read': {
      const { body, title } = readContent(job.format, job.content);
      return { result: { body, title, imageIds: [...imageIdsIn(body)] }, transfer: [] };
    }
    case 'build': {
      const keep = new Set(job.keepImages);
      const update = bodyUpdate(withImagesFrom(job.body, (id) => keep.has(id)));
      return { result: update, transfer: [update.buffer as ArrayBuffer] };
    }
    case 'export':
      return { result: exportState(job.state, job.format, job.title), transfer: [] };
    default: {
      const unknown: never = job;
      throw new Error(`unknown job ${JSON.stringify(unknown)}`);
    }
  }
}

parentPort?.on('message', ({ id, job }: { id: number; job: ConversionJob }) => {
  let reply: ConversionReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const done = run(job);
    reply = { id, ok: true, result: done.result };
    transfer = done.transfer;
  } catch (error) {
    reply = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply, transfer);
});
