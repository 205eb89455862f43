// GET /metrics in Prometheus' text format. With METRICS_TOKEN set it answers only
// `Authorization: Bearer <token>`; without, only callers on a loopback address (the address
// behind a trusted proxy counts, so a proxy on the same host does not open it to everyone).
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import type { TandemMetrics } from '../metrics/metrics.js';
import { isLoopback, type AddressOf } from '../net/client-address.js';

export const METRICS_PATH = '/metrics';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function plain(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(`${text}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } });
}

export function useMetricsEndpoint(options: { metrics: TandemMetrics; token: string | undefined; addressOf: AddressOf }): Plugin<object, { req?: IncomingMessage }> {
  const { metrics, token, addressOf } = options;
  return {
    onRequest({ request, url, endResponse, serverContext, fetchAPI }) {
      if (url.pathname !== METRICS_PATH) return;
      if (request.method !== 'GET') return endResponse(plain(405, 'GET only', { allow: 'GET' }));
      if (token !== undefined) {
        const header = request.headers.get('authorization') ?? '';
        const given = /^Bearer (.+)$/i.exec(header)?.[1] ?? '';
        if (!sameSecret(given, token)) return endResponse(plain(401, 'metrics need Authorization: Bearer $METRICS_TOKEN', { 'www-authenticate': 'Bearer' }));
      } else if (!serverContext.req || !isLoopback(addressOf(serverContext.req))) {
        return endResponse(plain(403, 'metrics answer loopback addresses only; set METRICS_TOKEN to scrape from elsewhere'));
      }
      return metrics.registry.metrics().then(
        (text) => endResponse(new fetchAPI.Response(text, { status: 200, headers: { 'content-type': metrics.registry.contentType } })),
        (error: Error) => endResponse(plain(500, `metrics failed: ${error.message}`)),
      );
    },
  };
}
