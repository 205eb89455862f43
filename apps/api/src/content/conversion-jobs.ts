// What the main thread asks the conversion worker (convert-worker.ts), and what it answers.
import type { JSONContent } from '@tiptap/core';
import type { DocumentFormat } from './convert.js';

export type ConversionJob =
  /** Markdown or HTML read as a body; answers ReadResult. */
  | { kind: 'read'; format: DocumentFormat; content: string }
  /** The Yjs update of that body, keeping the images listed; answers the update. */
  | { kind: 'build'; body: JSONContent; keepImages: string[] }
  /** A document state as Markdown or HTML; answers the text. */
  | { kind: 'export'; state: Uint8Array; format: DocumentFormat; title: string };

export interface ReadResult {
  body: JSONContent;
  title: string | null;
  /** The ids of the images the body refers to (which this server may or may not have). */
  imageIds: string[];
}

export type ConversionReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; message: string };
