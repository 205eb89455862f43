// Counts each root field of every query and mutation by outcome, on every transport (the
// WebSocket path runs through the same envelop). `code` is OK, or the contract code of the error
// that field ended with; an error without a path (a variable that failed its type, such as bad
// base64) fails every root field of the operation.
import { getOperationAST, type GraphQLError, Kind } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { TandemMetrics } from '../metrics/metrics.js';

/** The code a client will see: set by us, by graphql-armor, or by the domain error inside. */
export function errorCode(error: GraphQLError): string {
  const code = error.extensions?.code ?? (error.originalError as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}

export function useOperationMetrics(metrics: TandemMetrics): Plugin {
  return {
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (!operation || operation.operation === 'subscription') return;
      // Response key (alias or name) -> field name, for the root fields selected directly.
      const fields = new Map<string, string>();
      for (const selection of operation.selectionSet.selections) {
        if (selection.kind !== Kind.FIELD || selection.name.value.startsWith('__')) continue;
        fields.set(selection.alias?.value ?? selection.name.value, selection.name.value);
      }
      if (fields.size === 0) return;
      return {
        onExecuteDone({ result }) {
          if (Symbol.asyncIterator in result) return;
          const failed = new Map<string, string>();
          let failedAll: string | null = null;
          for (const error of result.errors ?? []) {
            const key = error.path?.[0];
            if (typeof key === 'string') {
              if (!failed.has(key)) failed.set(key, errorCode(error));
            } else {
              failedAll ??= errorCode(error);
            }
          }
          for (const [key, field] of fields) {
            metrics.operations.inc({ operation: operation.operation, field, code: failed.get(key) ?? failedAll ?? 'OK' });
          }
        },
      };
    },
  };
}
