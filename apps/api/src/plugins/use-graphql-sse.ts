// graphql-sse (the single-connection SSE protocol the provider uses, at /graphql/stream) on top
// of yoga's envelop, so every plugin applies to it as to HTTP and WebSocket. This is
// @graphql-yoga/plugin-graphql-sse 3.24 with one difference: an operation that fails to parse
// or validate (graphql-armor's limits among them) is answered with its GraphQL errors and their
// codes, as over HTTP and graphql-ws. The upstream plugin returns `{ errors }`, which
// graphql-sse does not recognise as a result (it looks for a `data` key) and answers
// 400 "Unable to detect operation AST", and lets a parser error escape as a 500 with a plain
// text body: the client gets no code either way.
import { createHandler } from 'graphql-sse/lib/use/fetch';
import { type ExecutionResult, getOperationAST, GraphQLError } from 'graphql';
import type { Plugin, YogaInitialContext } from 'graphql-yoga';

export const SSE_PATH = '/graphql/stream';

/** A result graphql-sse sends as the operation's one event: `data` present (undefined is left out of the JSON). */
function failed(errors: readonly GraphQLError[]): ExecutionResult {
  return { errors, data: undefined };
}

export function useGraphQLSSE(): Plugin {
  const contextOf = new WeakMap<Request, Record<string, unknown>>();
  let handler: ((request: Request) => Promise<Response>) | undefined;
  return {
    onYogaInit({ yoga }) {
      handler = createHandler(
        {
          onSubscribe(req, params) {
            const enveloped = yoga.getEnveloped({
              ...contextOf.get(req.raw),
              request: req.raw,
              params,
            } as unknown as YogaInitialContext);
            let document;
            try {
              document = enveloped.parse(params.query);
            } catch (error) {
              return failed([error instanceof GraphQLError ? error : new GraphQLError((error as Error).message)]);
            }
            const errors = enveloped.validate(enveloped.schema, document);
            if (errors.length > 0) return failed(errors);
            return Promise.resolve(enveloped.contextFactory()).then((contextValue) => {
              const args = {
                schema: enveloped.schema,
                document,
                contextValue,
                variableValues: params.variables,
                operationName: params.operationName,
              };
              const operation = getOperationAST(document, params.operationName);
              return (operation?.operation === 'subscription' ? enveloped.subscribe : enveloped.execute)(args);
            });
          },
        },
        yoga.fetchAPI,
      );
    },
    onRequest({ request, endResponse, serverContext }) {
      const [path] = request.url.split('?');
      if (!handler || !path?.endsWith(SSE_PATH)) return;
      contextOf.set(request, serverContext as Record<string, unknown>);
      return handler(request).then(endResponse);
    },
  };
}
