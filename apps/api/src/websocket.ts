// graphql-ws on the API's HTTP server, through yoga.getEnveloped so every yoga plugin (limits,
// error masking) and the context apply to it as they do to HTTP.
//
// Each connection is one caller, identified at connection_init from connectionParams
// `authorization` (scripts, the Node provider) or the upgrade's session cookie (browsers). An
// upgrade from a page of another origin is refused outright (cross-site WebSocket hijacking).
// When the connection's credential ends (sign-out, a revoked token or link, a disabled
// account), its subscriptions end with FORBIDDEN (access-control.ts) and the socket closes
// with 4401, which clients read as "sign in again" rather than a network failure to retry.
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { YogaServerInstance } from 'graphql-yoga';
import { WebSocket, WebSocketServer } from 'ws';
import type { AccessEvents } from './access/access-events.js';
import type { Caller } from './access/caller.js';
import { callerAffectedBy, INVALID, type Credentials, type PresentedCredentials } from './access/credentials.js';
import type { OriginPolicy } from './access/origins.js';
import type { RequestInfo, TandemContext, TandemServices } from './graphql/context.js';
import { headersOf, identify, type IdentityOptions } from './graphql/request-info.js';
import type { Logger } from './logger.js';

/** graphql-ws's own code for Unauthorized: the client does not retry it. */
export const CLOSE_SIGN_IN_AGAIN = 4401;

/** One WebSocket's caller, kept current while the socket is open. */
export interface SocketConnection {
  caller: Caller;
  info: RequestInfo;
  presented: PresentedCredentials;
  stop(): void;
}

/** ws's asynchronous verifyClient. */
export type AdmitUpgrade = (
  info: { req: IncomingMessage },
  callback: (ok: boolean, status?: number, message?: string, headers?: Record<string, string>) => void,
) => void;

export interface WebSocketOptions {
  path: string;
  maxPayload: number;
  identity: IdentityOptions & { credentials: Credentials; origins: OriginPolicy };
  /** Asked after the origin check, e.g. the caps on connections per address. */
  admit: AdmitUpgrade;
  events: AccessEvents;
  log: Logger;
  /** Ping interval (ms): a socket that has not answered one ping by the next is closed. */
  pingMs: number;
  /** What every operation's context holds besides its caller (yoga adds nothing to it here, see server.ts). */
  services: TandemServices;
}

export function serveWebSocket(http: Server, yoga: YogaServerInstance<Record<string, unknown>, Record<string, unknown>>, options: WebSocketOptions) {
  const { identity, events, log } = options;
  const sockets = new WebSocketServer({
    server: http,
    path: options.path,
    maxPayload: options.maxPayload,
    verifyClient: (info: { origin?: string; req: IncomingMessage }, callback: Parameters<AdmitUpgrade>[1]) => {
      const fetchSite = info.req.headers['sec-fetch-site'];
      if (info.origin && !identity.origins.allows(info.origin, info.req.headers.host ?? null, typeof fetchSite === 'string' ? fetchSite : null)) {
        callback(false, 403, 'This page’s origin may not open a WebSocket to this API');
        return;
      }
      options.admit(info, callback);
    },
  });

  const watchCredential = (connection: SocketConnection, socket: WebSocket) => {
    const recheck = async () => {
      try {
        const resolution = await identity.credentials.resolve(connection.presented);
        if (resolution === INVALID) {
          socket.close(CLOSE_SIGN_IN_AGAIN, 'Unauthorized: your session ended; sign in again');
          return;
        }
        connection.caller = resolution;
      } catch (error) {
        log.warn('could not re-check a connection’s credential', { error });
      }
    };
    return events.listen((event) => {
      if (callerAffectedBy(connection.caller, event)) void recheck();
    });
  };

  const server = useServer<Record<string, unknown>, { connection?: SocketConnection }>(
    {
      execute: (args) => (args.rootValue as { execute: (a: ExecutionArgs) => unknown }).execute(args) as never,
      subscribe: (args) => (args.rootValue as { subscribe: (a: ExecutionArgs) => unknown }).subscribe(args) as never,
      onConnect: async (ctx) => {
        const request = ctx.extra.request;
        const authorization = ctx.connectionParams?.authorization;
        const found = await identify(identity, {
          headers: headersOf(request.headers),
          authorization: typeof authorization === 'string' ? authorization : null,
          node: request,
        });
        if (found.refused) {
          ctx.extra.socket.close(CLOSE_SIGN_IN_AGAIN, 'Unauthorized: this session or token is not valid; sign in again');
          return false;
        }
        const connection: SocketConnection = { caller: found.caller, info: found.info, presented: found.presented, stop: () => {} };
        connection.stop = watchCredential(connection, ctx.extra.socket);
        ctx.extra.connection = connection;
        return true;
      },
      onClose: (ctx) => ctx.extra.connection?.stop(),
      // A query's or mutation's answer is about to go out as `next` + `complete`.
      onOperation: (ctx, _id, _payload, _args, result) => {
        if (!isAsyncIterable(result)) answerCorks.get(ctx.extra.socket)?.();
      },
      onSubscribe: async (ctx, _id, payload) => {
        const connection = ctx.extra.connection;
        // graphql-ws asks only once onConnect has identified the connection.
        if (!connection) throw new Error('an operation on a WebSocket whose caller is not known');
        // The whole context in one object: yoga would otherwise copy the services onto it
        // again for every operation, a twentieth of the API's time per push (issue 8).
        const context: TandemContext & Record<string, unknown> = {
          ...options.services,
          caller: connection.caller,
          request: connection.info,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params: payload,
          connection,
        };
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped(context);
        let document;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [withCode(error, 'GRAPHQL_PARSE_FAILED')];
        }
        const errors = validate(schema, document);
        if (errors.length > 0) return errors.map((error: GraphQLError) => withCode(error, 'GRAPHQL_VALIDATION_FAILED'));
        return {
          schema,
          operationName: payload.operationName,
          document,
          variableValues: payload.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
      },
    },
    sockets,
    options.pingMs,
  );
  sockets.on('error', (error) => log.warn('websocket server error', { error }));
  // graphql-ws (registered above, so its listener runs first) reports any socket error with
  // console.error as an internal error. Those errors are a client's bad frames, e.g. a
  // message over maxPayload, and ws has already closed the socket with the right code
  // (1009 there): they get one structured line at debug level instead.
  sockets.on('connection', (socket) => {
    coalesceAnswerFrames(socket);
    socket.removeAllListeners('error');
    socket.on('error', (error: Error & { code?: string }) =>
      log.debug('websocket closed on a client protocol error', { code: error.code, message: error.message }),
    );
  });

  return {
    sockets,
    async dispose() {
      await server.dispose();
      for (const client of sockets.clients) client.terminate();
    },
  };
}

/** Per socket: holds what it sends until the end of this tick (see coalesceAnswerFrames). */
const answerCorks = new WeakMap<WebSocket, () => void>();

/**
 * graphql-ws answers a query or mutation with two frames, `next` then `complete`, and waits
 * until the first is written before it sends the second: two writes to the kernel (and two
 * TCP segments) for every push, which the write benchmark spent a tenth of its time on (issue
 * 8). Between the result and its `complete` there are only promise continuations, so the
 * answer is sent under a cork of the TCP socket that is lifted on the next tick, once they have
 * run: one write. Frames sent while corked report success at once, since their write callback
 * would wait for the uncork. Should the `complete` not follow (the client cancelled the
 * operation meanwhile), the tick uncorks all the same.
 */
function coalesceAnswerFrames(socket: WebSocket): void {
  const tcp = (socket as unknown as { _socket?: Socket })._socket;
  if (!tcp) return;
  const send = socket.send.bind(socket) as (data: string, cb?: (error?: Error) => void) => void;
  let corked = false;
  (socket as unknown as { send: typeof send }).send = (data, cb) => {
    if (!corked) return send(data, cb);
    send(data);
    cb?.();
  };
  answerCorks.set(socket, () => {
    if (corked) return;
    corked = true;
    tcp.cork();
    process.nextTick(() => {
      corked = false;
      tcp.uncork();
    });
  });
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * The code yoga gives the same failure over HTTP, for an error that has none: without it a
 * client over WebSocket could not tell a malformed document from anything else (found by the
 * fuzz tests, issue 11). Set on the error itself: yoga's parser cache keeps that very object
 * and hands it to HTTP requests for the same text later, which then lacked the code too.
 */
function withCode(error: unknown, code: string): GraphQLError {
  if (!(error instanceof GraphQLError)) return new GraphQLError(String((error as Error)?.message ?? error), { extensions: { code } });
  if (!error.extensions.code) (error.extensions as Record<string, unknown>).code = code;
  return error;
}
