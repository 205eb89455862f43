// Counts open SSE event streams (yoga's mode and graphql-sse's /graphql/stream alike: every
// request that asks for text/event-stream) per caller, and answers 429 RATE_LIMITED to a caller
// that already holds its cap of them (limits/connection-caps.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import { callerKeys, type IdentifyRequest } from '../limits/caller-keys.js';
import type { ConnectionCaps } from '../limits/connection-caps.js';
import type { TandemMetrics } from '../metrics/metrics.js';
import { rateLimitedResponse } from '../limits/rate-limited.js';

/** How long a refused client should wait before it tries again: until one of its streams ends. */
const RETRY_AFTER_SECONDS = 5;

export function useEventStreamCaps(options: {
  caps: ConnectionCaps;
  identify: IdentifyRequest;
  metrics: TandemMetrics;
}): Plugin<object, { req?: IncomingMessage; res?: ServerResponse }> {
  const { caps, identify, metrics } = options;
  return {
    onRequest({ request, serverContext, endResponse }) {
      if (!(request.headers.get('accept') ?? '').includes('text/event-stream')) return;
      const { req, res } = serverContext;
      if (!req || !res) return;
      const releases: (() => void)[] = [];
      for (const key of callerKeys(identify(req))) {
        const release = caps.tryOpen('sse', key);
        if (!release) {
          for (const undo of releases) undo();
          metrics.limited.inc({ limit: 'sse' });
          return endResponse(rateLimitedResponse('too many open event streams from this caller; close one first', RETRY_AFTER_SECONDS));
        }
        releases.push(release);
      }
      res.once('close', () => {
        for (const release of releases) release();
      });
    },
  };
}
