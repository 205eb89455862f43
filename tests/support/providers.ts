// Real providers (packages/provider) for Node tests: WebSocket through the `ws` package.
import { TandemProvider, type TandemProviderOptions } from '@tandem/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { defaultToken } from './callers.js';

/** A provider acting as the API's default caller (callers.ts), unless `options.token` says otherwise. */
export function connectProvider(
  url: string,
  documentId: string,
  options: Partial<TandemProviderOptions> = {},
): { doc: Y.Doc; provider: TandemProvider } {
  const doc = options.doc ?? new Y.Doc();
  const provider = new TandemProvider({
    url,
    documentId,
    doc,
    WebSocket,
    backoff: { initial: 50, max: 500 },
    token: defaultToken(url),
    ...options,
  });
  return { doc, provider };
}
