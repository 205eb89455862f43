// The reference: a plain y-websocket server (no persistence), run as a child process by
// fanout.ts so it gets its own core just as the Tandem API does. Prints its port.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';

const http = createServer((_, res) => res.end('y-websocket reference'));
const wss = new WebSocketServer({ server: http });
wss.on('connection', (socket, req) => setupWSConnection(socket, req));
http.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (http.address() as AddressInfo).port })}\n`);
});
