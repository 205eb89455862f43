// Changes of access, told to every API instance: in process at once, and through Redis (one
// channel for all of them) when REDIS_URL is set. Open subscriptions and connections listen
// and re-ask the access decision (watch.ts), so a revocation reaches what is already open.
// Pub/sub may drop a message while Redis is away: after a reconnect every listener hears
// `resync` and re-asks everything it holds.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';

export type AccessEvent =
  /** Members, roles, general access or links of a document changed, or it was deleted. */
  | { kind: 'document'; documentId: string }
  /** A session ended (sign-out, revoked, expired, its account disabled). */
  | { kind: 'session'; sessionId: string }
  | { kind: 'apiToken'; tokenId: string }
  | { kind: 'shareLink'; linkId: string; documentId: string }
  /** An account was disabled, or its server role changed. */
  | { kind: 'account'; userId: string }
  /** Messages may have been lost: re-check everything. */
  | { kind: 'resync' };

export type AccessListener = (event: AccessEvent) => void;

export interface AccessEvents {
  publish(event: AccessEvent): void;
  listen(listener: AccessListener): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'tandem:access';

function isAccessEvent(value: unknown): value is AccessEvent {
  if (typeof value !== 'object' || value === null) return false;
  const event = value as Record<string, unknown>;
  const text = (key: string) => typeof event[key] === 'string';
  switch (event.kind) {
    case 'document':
      return text('documentId');
    case 'session':
      return text('sessionId');
    case 'apiToken':
      return text('tokenId');
    case 'shareLink':
      return text('linkId') && text('documentId');
    case 'account':
      return text('userId');
    default:
      return false;
  }
}

function localEvents(): AccessEvents & { deliver(event: AccessEvent): void } {
  const listeners = new Set<AccessListener>();
  const deliver = (event: AccessEvent) => {
    for (const listener of [...listeners]) listener(event);
  };
  return {
    deliver,
    publish: deliver,
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => listeners.clear(),
  };
}

/** Access events within this process only (one API instance). */
export function createLocalAccessEvents(): AccessEvents {
  return localEvents();
}

/** Access events shared by every instance on the same Redis. */
export async function createRedisAccessEvents(url: string, log: Logger): Promise<AccessEvents> {
  const local = localEvents();
  const instanceId = randomUUID();
  const options = { maxRetriesPerRequest: null, lazyConnect: true } as const;
  const publisher = new Redis(url, options);
  const subscriber = new Redis(url, options);
  for (const [name, client] of [['access publisher', publisher], ['access subscriber', subscriber]] as const) {
    client.on('error', (error: Error) => log.warn('redis connection error', { client: name, error: error.message }));
  }
  try {
    await Promise.all([publisher.connect(), subscriber.connect()]);
    await subscriber.subscribe(CHANNEL);
  } catch (error) {
    publisher.disconnect();
    subscriber.disconnect();
    throw new Error(`cannot connect to Redis at REDIS_URL (${(error as Error).message}); is it running?`);
  }
  // Attached after the first connection: from here on 'ready' means "reconnected".
  subscriber.on('ready', () => local.deliver({ kind: 'resync' }));
  subscriber.on('message', (channel: string, raw: string) => {
    if (channel !== CHANNEL) return;
    let message: { from?: unknown; event?: unknown };
    try {
      message = JSON.parse(raw) as typeof message;
    } catch {
      log.warn('ignored an unreadable access message');
      return;
    }
    if (message.from !== instanceId && isAccessEvent(message.event)) local.deliver(message.event);
  });
  return {
    publish(event) {
      local.deliver(event);
      publisher.publish(CHANNEL, JSON.stringify({ from: instanceId, event })).catch((error: Error) => {
        // Other instances still re-check within their cache lifetime (credentials.ts).
        log.warn('access change could not be published', { kind: event.kind, error: error.message });
      });
    },
    listen: local.listen,
    async close() {
      await local.close();
      await Promise.allSettled([publisher.quit(), subscriber.quit()]);
    },
  };
}
