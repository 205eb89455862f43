// The contract's RATE_LIMITED error (access.graphql): `extensions.retryAfter` says in how many
// seconds to try again. As a GraphQL error for operations, and as a whole HTTP answer (429 with
// Retry-After) for what is refused before any operation exists: a connection over its cap.
import { GraphQLError } from 'graphql';

export function rateLimitedError(message: string, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'RATE_LIMITED', retryAfter: retryAfterSeconds, http: { status: 429, headers: { 'retry-after': String(retryAfterSeconds) } } },
  });
}

export function rateLimitedResponse(message: string, retryAfterSeconds: number): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code: 'RATE_LIMITED', retryAfter: retryAfterSeconds } }] }), {
    status: 429,
    headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(retryAfterSeconds) },
  });
}
