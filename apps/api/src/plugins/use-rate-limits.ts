// Rate limits per caller for writes (every mutation root field counts one) and for expensive
// reads (each diff, export or search in the operation counts one, in a subscription too: its
// events would compute them again), on every transport: the WebSocket path runs the same
// envelop. A caller over a limit gets RATE_LIMITED with
// `extensions.retryAfter` (seconds) before anything runs, so nothing changes.
import { getOperationAST, type DocumentNode, type GraphQLSchema, Kind, TypeInfo, visit, visitWithTypeInfo } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { callerKeys, type IdentifyOperation } from '../limits/caller-keys.js';
import { rateLimitedError } from '../limits/rate-limited.js';
import type { RateLimitKind, RateLimits } from '../limits/rate-limits.js';
import type { TandemMetrics } from '../metrics/metrics.js';

/** Fields that cost a pass over a whole document or the database. Absent ones never match. */
export const EXPENSIVE_FIELDS = new Set(['Document.diff', 'Document.export', 'Snapshot.export', 'Query.search']);

/** How many expensive fields the operation selects (fragments included, wherever they are spread). */
function expensiveFields(schema: GraphQLSchema, document: DocumentNode): number {
  const typeInfo = new TypeInfo(schema);
  let count = 0;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (parent && EXPENSIVE_FIELDS.has(`${parent.name}.${node.name.value}`)) count += 1;
      },
    }),
  );
  return count;
}

function mutationFields(document: DocumentNode, operationName: string | null | undefined): number {
  const operation = getOperationAST(document, operationName);
  if (operation?.operation !== 'mutation') return 0;
  return operation.selectionSet.selections.filter((selection) => selection.kind === Kind.FIELD && !selection.name.value.startsWith('__')).length;
}

/**
 * An operation's costs, worked out once per parsed document: yoga's parser cache hands out
 * the same DocumentNode for the same query text, and walking it with type information on
 * every push was 6% of the API's time under the write benchmark (issue 8).
 */
const costsOf = new WeakMap<DocumentNode, Map<string, [RateLimitKind, number][]>>();

function operationCosts(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): [RateLimitKind, number][] {
  let byOperation = costsOf.get(document);
  if (!byOperation) {
    byOperation = new Map();
    costsOf.set(document, byOperation);
  }
  let costs = byOperation.get(operationName ?? '');
  if (!costs) {
    costs = [
      ['writes', mutationFields(document, operationName)],
      ['expensive', expensiveFields(schema, document)],
    ];
    byOperation.set(operationName ?? '', costs);
  }
  return costs;
}

export function useRateLimits(options: { limits: RateLimits; identify: IdentifyOperation; metrics: TandemMetrics }): Plugin {
  const { limits, identify, metrics } = options;
  /** The error to answer with, or null when the caller is within its limits. */
  const check = async (args: { schema: GraphQLSchema; document: DocumentNode; operationName?: string | null; contextValue: unknown }) => {
    const costs = operationCosts(args.schema, args.document, args.operationName);
    if (costs.every(([, cost]) => cost === 0)) return null;
    const keys = callerKeys(identify(args.contextValue));
    for (const [kind, cost] of costs) {
      const retryAfter = await limits.consume(kind, keys, cost);
      if (retryAfter === null) continue;
      metrics.limited.inc({ limit: kind });
      const what = kind === 'writes' ? 'changes' : 'expensive reads (diff, export, search)';
      return rateLimitedError(`too many ${what} from this caller; try again in ${retryAfter} s`, retryAfter);
    }
    return null;
  };
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const error = await check(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
    async onSubscribe({ args, setResultAndStopExecution }) {
      const error = await check(args);
      if (error) setResultAndStopExecution({ errors: [error], data: null });
    },
  };
}
