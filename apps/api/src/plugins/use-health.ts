// Probes for load balancers and orchestrators: GET /healthz answers 200 while the process
// serves requests at all (liveness); GET /readyz answers 200 when this instance should get
// traffic and 503 otherwise, with the result of each check as JSON (health/readiness.ts).
import type { Plugin } from 'graphql-yoga';
import type { Readiness } from '../health/readiness.js';

export const HEALTH_PATH = '/healthz';
export const READY_PATH = '/readyz';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

export function useHealth(readiness: () => Promise<Readiness>): Plugin {
  return {
    onRequest({ request, url, endResponse }) {
      if (url.pathname !== HEALTH_PATH && url.pathname !== READY_PATH) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') return endResponse(json(405, { error: 'GET only' }));
      if (url.pathname === HEALTH_PATH) return endResponse(json(200, { status: 'ok' }));
      return readiness().then(
        (result) => endResponse(json(result.ready ? 200 : 503, { status: result.ready ? 'ready' : 'not ready', checks: result.checks })),
        (error: Error) => endResponse(json(503, { status: 'not ready', error: error.message })),
      );
    },
  };
}
