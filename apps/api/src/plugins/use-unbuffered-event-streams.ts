// Marks every event stream (yoga's SSE mode and graphql-sse's /graphql/stream) with
// `X-Accel-Buffering: no`. nginx proxies with HTTP/1.0 and buffering by default, and then holds a
// stream's events until a buffer fills, which for a quiet document is never; this header turns
// buffering off for that one response, so a stock `proxy_pass` serves SSE without any tuning.
// (docs/deploy/nginx.conf; tests/e2e/fallback.test.ts runs the editor through such an nginx.)
import type { Plugin } from 'graphql-yoga';

export function useUnbufferedEventStreams(): Plugin {
  return {
    onResponse({ response }) {
      if (response.headers.get('content-type')?.includes('text/event-stream')) {
        response.headers.set('x-accel-buffering', 'no');
      }
    },
  };
}
