// Fan-out between API instances over Redis pub/sub: one channel per document, followed only
// while the document is live on this instance. Pub/sub can drop messages (a reconnect, a slow
// subscriber); updates carry their sequence number, so a receiver notices the gap and reads
// what it missed from the database, and after a reconnect every live document catches up.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import type { FanoutBus, FanoutHandler, FanoutMessage } from './bus.js';

const channelOf = (documentId: string) => `tandem:doc:${documentId}`;

interface WireMessage {
  from: string;
  kind: FanoutMessage['kind'];
  documentId: string;
  seq?: number;
  origin?: string | null;
  /** base64 */
  update?: string;
  threadId?: string;
  event?: string;
  deleted?: string | null;
  /** When it was published (ms since the epoch), for the fan-out lag metric. */
  at?: number;
}

function toWire(from: string, message: FanoutMessage): string {
  const wire: WireMessage = { from, kind: message.kind, documentId: message.documentId, at: Date.now() };
  if (message.kind === 'update') {
    wire.seq = message.seq;
    wire.origin = message.origin;
    wire.update = Buffer.from(message.update).toString('base64');
  } else if (message.kind === 'awareness') {
    wire.update = Buffer.from(message.update).toString('base64');
  } else if (message.kind === 'version') {
    wire.seq = message.seq;
  } else if (message.kind === 'thread') {
    wire.threadId = message.threadId;
    wire.event = message.event;
    wire.deleted = message.deleted;
  }
  return JSON.stringify(wire);
}

function fromWire(wire: WireMessage): FanoutMessage | null {
  const bytes = (value: string | undefined) => (value === undefined ? null : new Uint8Array(Buffer.from(value, 'base64')));
  switch (wire.kind) {
    case 'update': {
      const update = bytes(wire.update);
      if (!update || typeof wire.seq !== 'number') return null;
      return { kind: 'update', documentId: wire.documentId, seq: wire.seq, update, origin: wire.origin ?? null };
    }
    case 'awareness': {
      const update = bytes(wire.update);
      return update ? { kind: 'awareness', documentId: wire.documentId, update } : null;
    }
    case 'version':
      return typeof wire.seq === 'number' ? { kind: 'version', documentId: wire.documentId, seq: wire.seq } : null;
    case 'renamed':
      return { kind: 'renamed', documentId: wire.documentId };
    case 'deleted':
      return { kind: 'deleted', documentId: wire.documentId };
    case 'thread':
      if (typeof wire.threadId !== 'string' || (wire.event !== 'CREATED' && wire.event !== 'UPDATED' && wire.event !== 'DELETED')) return null;
      return { kind: 'thread', documentId: wire.documentId, threadId: wire.threadId, event: wire.event, deleted: wire.deleted ?? null };
    default:
      return null;
  }
}

export interface RedisBusOptions {
  /** Seconds from publishing on another instance to arriving here (metrics). */
  onLag?: (seconds: number) => void;
}

export async function createRedisBus(url: string, log: Logger, observe: RedisBusOptions = {}): Promise<FanoutBus> {
  const instanceId = randomUUID();
  const options = { maxRetriesPerRequest: null, lazyConnect: true } as const;
  const publisher = new Redis(url, options);
  const subscriber = new Redis(url, options);
  const handlers = new Map<string, Set<FanoutHandler>>();
  const reconnectListeners: (() => void)[] = [];
  for (const [name, client] of [['publisher', publisher], ['subscriber', subscriber]] as const) {
    client.on('error', (error: Error) => log.warn('redis connection error', { client: name, error: error.message }));
  }
  await Promise.all([publisher.connect(), subscriber.connect()]).catch((error: Error) => {
    publisher.disconnect();
    subscriber.disconnect();
    throw new Error(`cannot connect to Redis at REDIS_URL (${error.message}); is it running?`);
  });

  // Attached after the first connection, so 'ready' from here on means "reconnected".
  subscriber.on('ready', () => {
    // ioredis re-subscribes by itself; what was published while we were away is gone.
    log.info('redis reconnected; live documents catch up from the database');
    for (const listener of reconnectListeners) listener();
  });

  subscriber.on('message', (channel: string, raw: string) => {
    const set = handlers.get(channel);
    if (!set) return;
    let wire: WireMessage;
    try {
      wire = JSON.parse(raw) as WireMessage;
    } catch {
      log.warn('ignored an unreadable fan-out message', { channel });
      return;
    }
    if (wire.from === instanceId) return;
    const message = fromWire(wire);
    if (!message) return;
    if (typeof wire.at === 'number') observe.onLag?.(Math.max(0, Date.now() - wire.at) / 1000);
    for (const handler of set) handler(message);
  });

  return {
    publish(message) {
      publisher.publish(channelOf(message.documentId), toWire(instanceId, message)).catch((error: Error) => {
        // Receivers recover missed updates through the sequence gap; nothing to retry here.
        log.warn('fan-out publish failed', { documentId: message.documentId, error: error.message });
      });
    },
    async follow(documentId, handler) {
      const channel = channelOf(documentId);
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
        const subscribed = subscriber.subscribe(channel);
        // Connected: wait, so nothing published from here on is missed. Cut off from Redis:
        // ioredis subscribes once it is back, and the reconnect catch-up reads from the
        // database whatever was published meanwhile; the document need not wait for Redis.
        if (subscriber.status === 'ready') await subscribed;
        else subscribed.catch((error: Error) => log.warn('redis subscribe failed', { channel, error: error.message }));
      }
      set.add(handler);
      return () => {
        const current = handlers.get(channel);
        if (!current) return;
        current.delete(handler);
        if (current.size === 0) {
          handlers.delete(channel);
          subscriber.unsubscribe(channel).catch(() => {});
        }
      };
    },
    onReconnect(listener) {
      reconnectListeners.push(listener);
    },
    connected() {
      return publisher.status === 'ready' && subscriber.status === 'ready';
    },
    async close() {
      await Promise.allSettled([publisher.quit(), subscriber.quit()]);
    },
  };
}
