// Rejects a request whose Content-Length is over the limit before yoga reads it, with the
// contract's PAYLOAD_TOO_LARGE. A streamed body without a Content-Length is bounded by yoga's
// own maxRequestBodySize as it is read (server.ts; its error code is mapped in errors.ts).
import type { Plugin } from 'graphql-yoga';

function graphqlErrorResponse(status: number, code: string, message: string): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

export function useRequestSizeLimit(maxBytes: number): Plugin {
  return {
    onRequest({ request, endResponse }) {
      if (request.method !== 'POST' && request.method !== 'PUT') return;
      const length = request.headers.get('content-length');
      if (length !== null && Number(length) > maxBytes) {
        endResponse(
          graphqlErrorResponse(413, 'PAYLOAD_TOO_LARGE', `request body is ${length} bytes; the limit is ${maxBytes}`),
        );
      }
    },
  };
}
