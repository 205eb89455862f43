// One piece of work per event, not per subscriber (issue 8): an UPDATE of a document goes to
// every subscriber of it, and graphql-js would execute the subscription's selection set on it,
// and build a result, once for each. Here subscribers that sent the same operation (the same
// parsed document: yoga's parser cache hands out one DocumentNode per query text) share one
// ExecutionResult per event; each transport then only frames it for its own connection.
//
// Sharing is only sound where the result cannot differ between subscribers: the event must be
// one object handed to all of them (marked with `shareEvent`; errors never are), and nothing
// under the subscription's root field may read variables, directives or fragments, which could
// differ per subscriber (root field arguments may: they chose the stream, not the payload).
// Everything else runs through graphql-js as before.
import {
  createSourceEventStream,
  type DocumentNode,
  execute,
  type ExecutionArgs,
  type ExecutionResult,
  getOperationAST,
  Kind,
  type OperationDefinitionNode,
  visit,
  BREAK,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

const shared = new WeakSet<object>();

/** Marks an event object as the same for every subscriber that receives it. */
export function shareEvent<T extends object>(event: T): T {
  shared.add(event);
  return event;
}

const payloadOnly = new WeakMap<DocumentNode, Map<string, boolean>>();

/** Whether the operation's payload depends on the event alone (see above). */
export function dependsOnEventAlone(document: DocumentNode, operationName: string | null | undefined): boolean {
  let byOperation = payloadOnly.get(document);
  if (!byOperation) {
    byOperation = new Map();
    payloadOnly.set(document, byOperation);
  }
  const key = operationName ?? '';
  let answer = byOperation.get(key);
  if (answer === undefined) {
    answer = judge(getOperationAST(document, operationName));
    byOperation.set(key, answer);
  }
  return answer;
}

function judge(operation: OperationDefinitionNode | null | undefined): boolean {
  if (!operation || operation.operation !== 'subscription') return false;
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || (selection.directives?.length ?? 0) > 0) return false;
    if (!selection.selectionSet) continue;
    let plain = true;
    visit(selection.selectionSet, {
      enter(node) {
        if (node.kind === Kind.VARIABLE || node.kind === Kind.DIRECTIVE || node.kind === Kind.FRAGMENT_SPREAD || node.kind === Kind.INLINE_FRAGMENT) {
          plain = false;
          return BREAK;
        }
        return undefined;
      },
    });
    if (!plain) return false;
  }
  return true;
}

/** Results per shared event, per operation; they go when the event does. */
const results = new WeakMap<object, WeakMap<DocumentNode, ExecutionResult | Promise<ExecutionResult>>>();

function executeOnce(args: ExecutionArgs, event: unknown): ExecutionResult | Promise<ExecutionResult> {
  if (typeof event !== 'object' || event === null || !shared.has(event)) return execute({ ...args, rootValue: event });
  let byDocument = results.get(event);
  if (!byDocument) {
    byDocument = new WeakMap();
    results.set(event, byDocument);
  }
  let result = byDocument.get(args.document);
  if (!result) {
    result = execute({ ...args, rootValue: event });
    byDocument.set(args.document, result);
  }
  return result;
}

/**
 * The source's events as results. Not an async generator: ending one that waits for its next
 * event would wait for that event, and an idle subscription would never let go of its source.
 */
function mapEvents(source: AsyncIterable<unknown>, args: ExecutionArgs): AsyncIterableIterator<ExecutionResult> {
  const events = source[Symbol.asyncIterator]();
  const done = (): IteratorResult<ExecutionResult> => ({ done: true, value: undefined });
  return {
    async next() {
      const step = await events.next();
      if (step.done) return done();
      return { done: false, value: await executeOnce(args, step.value) };
    },
    async return() {
      await events.return?.();
      return done();
    },
    async throw(error: unknown) {
      if (events.throw) await events.throw(error);
      else await events.return?.();
      return done();
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** graphql-js's subscribe (source stream, then execute per event), with the sharing above. */
async function sharedSubscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source as ExecutionResult;
  return mapEvents(source as AsyncIterable<unknown>, args);
}

export function useSharedEventResults(): Plugin {
  return {
    onSubscribe({ args, setSubscribeFn }) {
      if (dependsOnEventAlone(args.document, args.operationName)) setSubscribeFn(sharedSubscribe as never);
    },
  };
}
