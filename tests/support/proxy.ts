// Hostile networks in a box: an HTTP proxy in front of the API that behaves like the
// corporate proxies the fallback chain exists for.
//
//   refuse-websocket   answers every WebSocket upgrade with 403 (graphql-ws cannot connect;
//                      plain HTTP and event streams pass)
//   buffer-streams     also refuses upgrades, and holds back every text/event-stream
//                      response until it ends (which a live stream never does): the
//                      stream opens from the client's point of view only in the proxy's
//                      dreams, and no event ever arrives. Everything else passes.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

export type ProxyMode = 'refuse-websocket' | 'buffer-streams';

export interface TestProxy {
  /** http://127.0.0.1:<port>/graphql */
  readonly url: string;
  /** How many upgrades were refused and event streams held back so far. */
  readonly stats: { upgradesRefused: number; streamsHeld: number };
  close(): Promise<void>;
}

export async function startProxy(options: { target: string; mode: ProxyMode }): Promise<TestProxy> {
  const target = new URL(options.target);
  const stats = { upgradesRefused: 0, streamsHeld: 0 };
  const sockets = new Set<Duplex>();

  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (answer) => {
        const isStream = String(answer.headers['content-type'] ?? '').includes('text/event-stream');
        if (isStream && options.mode === 'buffer-streams') {
          // A buffering proxy: collect the whole answer, send it when (if ever) it ends.
          stats.streamsHeld++;
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('end', () => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(Buffer.concat(chunks));
          });
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('Bad gateway');
    });
    // The client went away (or gave up on a held stream): so does the upstream request.
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  };

  const server: Server = createServer(forward);
  server.on('upgrade', (_req: IncomingMessage, socket: Duplex) => {
    stats.upgradesRefused++;
    socket.end('HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: 27\r\nConnection: close\r\n\r\nWebSockets are not allowed\n');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${target.pathname}`,
    stats,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
