// A subscription that fails before it starts (NOT_FOUND for an unknown document) resolves to
// an ExecutionResult with `errors` and no `data` key. graphql-sse (the single-connection SSE
// mode) recognises results only by `data`, takes this one for execution arguments and answers
// 400 "Unable to detect operation AST", which clients read as a network failure and retry for
// ever. With `data: null` it is a plain GraphQL error result on every transport.
import type { Plugin } from 'graphql-yoga';

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

export function useSubscriptionErrorResult(): Plugin {
  return {
    onSubscribe: () => ({
      onSubscribeResult: ({ result, setResult }) => {
        if (!isAsyncIterable(result) && !('data' in result)) setResult({ ...result, data: null });
      },
    }),
  };
}
