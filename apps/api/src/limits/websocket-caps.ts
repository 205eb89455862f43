// ws's verifyClient for the WebSocket server: counts each open WebSocket under its caller's
// keys and refuses the upgrade with 429 when the caller already holds its cap of them
// (limits/connection-caps.ts). A slot is freed when the TCP connection closes, which covers a
// socket closed by either side and an upgrade that never completed.
import type { IncomingMessage } from 'node:http';
import { callerKeys, type IdentifyRequest } from './caller-keys.js';
import type { ConnectionCaps } from './connection-caps.js';
import type { TandemMetrics } from '../metrics/metrics.js';

const RETRY_AFTER_SECONDS = 5;

type VerifyClient = (
  info: { req: IncomingMessage },
  callback: (ok: boolean, status?: number, message?: string, headers?: Record<string, string>) => void,
) => void;

export function capWebSockets(options: { caps: ConnectionCaps; identify: IdentifyRequest; metrics: TandemMetrics }): VerifyClient {
  const { caps, identify, metrics } = options;
  return ({ req }, callback) => {
    const releases: (() => void)[] = [];
    for (const key of callerKeys(identify(req))) {
      const release = caps.tryOpen('websocket', key);
      if (!release) {
        for (const undo of releases) undo();
        metrics.limited.inc({ limit: 'websocket' });
        callback(false, 429, 'Too many WebSockets from this caller', { 'retry-after': String(RETRY_AFTER_SECONDS) });
        return;
      }
      releases.push(release);
    }
    req.socket.once('close', () => {
      for (const release of releases) release();
    });
    callback(true);
  };
}
