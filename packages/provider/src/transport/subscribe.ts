// One subscription on a graphql-ws or graphql-sse client (both have the same `subscribe`),
// with each result sorted into data or an error, and nothing delivered after it ends.
import { normalizeError, resultError } from '../errors.js';
import type { SubscriptionOperation } from '../operations.js';
import { guardSink, liveVariables, type Sink, type Variables } from './types.js';

interface ResultSink {
  next(result: { readonly data?: unknown; readonly errors?: readonly unknown[] | null }): void;
  error(error: unknown): void;
  complete(): void;
}

export interface SubscribingClient {
  subscribe(payload: { query: string; variables: Record<string, unknown> }, sink: ResultSink): () => void;
}

export function subscribeOn(client: SubscribingClient, operation: SubscriptionOperation, variables: () => Variables, sink: Sink): () => void {
  const guard = guardSink(sink);
  const out = guard.sink;
  const end = client.subscribe(
    { query: operation.query, variables: liveVariables(variables) },
    {
      next: (result) => {
        const error = resultError(result);
        if (error) out.error(error);
        else if (result.data != null) out.next(result.data);
      },
      error: (error) => out.error(normalizeError(error)),
      complete: () => out.complete(),
    },
  );
  return () => {
    guard.close();
    end();
  };
}
