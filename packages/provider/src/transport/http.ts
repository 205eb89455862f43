// One GraphQL query or mutation as a plain HTTP POST: the request path of the SSE and
// polling transports, and the reachability probe that decides fallbacks.
import { OperationError, TransportError, resultError } from '../errors.js';
import type { RequestOperation } from '../operations.js';
import type { Variables } from './types.js';

export type FetchFn = typeof fetch;

export interface HttpOptions {
  readonly url: string;
  readonly fetch: FetchFn;
  /** Abort a request that has no answer after this long (ms): a silently dead network would hang it forever. */
  readonly timeout: number;
}

export async function postGraphQL(
  options: HttpOptions,
  operation: RequestOperation,
  variables: Variables,
): Promise<unknown> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeout);
  let response: Response;
  let text: string;
  try {
    response = await options.fetch(options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
      },
      body: JSON.stringify({ query: operation.query, variables }),
      signal: controller.signal,
    });
    text = await response.text();
  } catch (error) {
    throw new TransportError(
      controller.signal.aborted ? `No answer within ${options.timeout} ms` : `Request failed: ${String(error)}`,
      { cause: error },
    );
  } finally {
    clearTimeout(timer);
  }

  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (typeof body === 'object' && body !== null) {
    const result = body as { data?: unknown; errors?: unknown[] };
    const error = resultError(result);
    if (error) throw error;
    if (response.ok && result.data !== undefined && result.data !== null) return result.data;
  }
  // A body limit in front of the resolvers (the server's or a proxy's) answers 413 with
  // whatever body it likes; it is the same rejection as the resolver's own size check.
  if (response.status === 413) {
    throw new OperationError('Request entity too large', 'PAYLOAD_TOO_LARGE');
  }
  throw new TransportError(`Unexpected HTTP ${response.status} from ${options.url}`);
}

/** True when the server answers HTTP at all; false when it cannot be reached. */
export async function httpReachable(options: HttpOptions, ping: RequestOperation): Promise<boolean> {
  try {
    await postGraphQL(options, ping, {});
    return true;
  } catch (error) {
    // An answer, even an error, means the HTTP path works.
    return error instanceof OperationError;
  }
}
