// documentEvents, awarenessEvents, documentChanged and threadEvents. Each registers its listener before it
// computes the first event, so nothing that happens in between is lost (DESIGN.md, sync step 2).
//
// Errors: an unknown document fails in `subscribe`, before any stream exists, so every
// transport returns an ordinary error result. A stream that must end later (the document was
// deleted, the subscriber fell too far behind) never throws from the iterator: graphql-sse
// turns such a rejection into an unhandled one that takes the process down. Instead it emits
// the error as its last event, the field's `resolve` throws it (the client gets a result with
// `errors`), and the stream completes.
import { GraphQLError } from 'graphql';
import { Repeater } from 'graphql-yoga';
import { documentNotFound } from '../../documents/errors.js';
import type { ThreadEvent } from '../../comments/thread-events.js';
import type { AppliedUpdate, LiveDocument } from '../../documents/live-document.js';
import { shareEvent } from '../../plugins/use-shared-event-results.js';
import type { DocumentRow } from '../../documents/store.js';
import type { TandemContext } from '../context.js';

/**
 * Events a subscriber may fall behind by before it is disconnected (bytes are bounded by
 * `subscriberBacklogBytes`). Dropping events would leave it silently diverged; ending the
 * subscription makes it subscribe again and SYNC afresh, which costs one document's worth.
 */
const MAX_BACKLOG_EVENTS = 1000;

/**
 * Queues events for one subscriber. Its transport pulls them only as fast as the client reads
 * (graphql-ws waits for each write), so a client that stops reading makes the backlog grow:
 * past either bound, `end` is called with an error telling it to resubscribe.
 */
function backlogGuard<T>(
  push: (value: T) => Promise<unknown>,
  end: (error: Error) => void,
  maxBytes: number,
  sizeOf: (value: T) => number,
): (value: T) => void {
  let events = 0;
  let bytes = 0;
  let ended = false;
  return (value) => {
    if (ended) return;
    const size = sizeOf(value);
    events += 1;
    bytes += size;
    // One event bigger than the bound alone still goes: it is not falling behind.
    if (events > MAX_BACKLOG_EVENTS || (bytes > maxBytes && events > 1)) {
      ended = true;
      end(
        new GraphQLError(`this subscriber fell behind by ${events} events (${bytes} bytes); subscribe again to resync`, {
          extensions: { code: 'SUBSCRIBER_TOO_SLOW' },
        }),
      );
      return;
    }
    push(value).then(
      () => {
        events -= 1;
        bytes -= size;
      },
      () => {},
    );
  };
}

interface DocumentEvent {
  kind: 'SYNC' | 'UPDATE';
  update: Uint8Array;
  origin: string | null;
  stateVector: Uint8Array | null;
}

/** What a stream yields: an event, or the error that ends it. */
type Emitted<T> = T | Error;

function resolveEmitted<T>(value: Emitted<T>): T {
  if (value instanceof Error) throw value;
  return value;
}

/**
 * One subscriber's stream of a live document's events. While it is open it counts as a
 * subscriber (the document stays live, and other instances' messages keep arriving); it ends
 * with NOT_FOUND when the document is deleted, with RESYNC when its live copy was reset after a
 * failed commit, with SUBSCRIBER_TOO_SLOW when the client falls
 * behind, and with FORBIDDEN once the caller may no longer read it (the access decision is
 * asked again whenever access changes, on any instance). `start` wires the events to `send`
 * and returns what undoes that; `onRoleChange` hears when the caller's role changes.
 */
function documentStream<T>(
  ctx: TandemContext,
  live: LiveDocument,
  limits: { maxBytes: number; sizeOf: (value: T) => number },
  start: (send: (value: T) => void, end: (error: Error) => void) => () => void,
  onRoleChange?: () => void,
): Repeater<Emitted<T>> {
  return new Repeater<Emitted<T>>(async (push, stop) => {
    const end = (error: Error) => {
      push(error).catch(() => {});
      stop();
    };
    const send = backlogGuard<T>(push, end, limits.maxBytes, limits.sizeOf);
    live.subscribers += 1;
    const unwatchEnd = live.onEnded((reason) => end(reason === 'deleted' ? documentNotFound(live.id) : resyncNeeded()));
    const unwatchAccess = ctx.access.watch(ctx.caller, 'read', live.id, { lost: end, changed: onRoleChange });
    const teardown = start(send, end);
    await stop;
    teardown();
    unwatchAccess();
    unwatchEnd();
    live.subscribers -= 1;
    live.touch();
  });
}

/**
 * The live copy this subscriber synced against was discarded after a failed commit: the
 * client subscribes again (the provider does, after a backoff) and SYNCs afresh, pushing back
 * anything it holds that the server lacks.
 */
function resyncNeeded(): GraphQLError {
  return new GraphQLError('the document was read back from storage after a failed write; subscribe again to resync', {
    extensions: { code: 'RESYNC' },
  });
}

/**
 * One event object per applied update (and per awareness update), handed to every subscriber,
 * so that its result is worked out once (plugins/use-shared-event-results.ts).
 */
const updateEvents = new WeakMap<AppliedUpdate, DocumentEvent>();
const awarenessEvents = new WeakMap<Uint8Array, { update: Uint8Array }>();

function updateEventOf(applied: AppliedUpdate): DocumentEvent {
  let event = updateEvents.get(applied);
  if (!event) {
    event = shareEvent<DocumentEvent>({ kind: 'UPDATE', update: applied.update, origin: applied.origin, stateVector: applied.stateVector });
    updateEvents.set(applied, event);
  }
  return event;
}

function awarenessEventOf(update: Uint8Array): { update: Uint8Array } {
  let event = awarenessEvents.get(update);
  if (!event) {
    event = shareEvent({ update });
    awarenessEvents.set(update, event);
  }
  return event;
}

const bytesOfUpdate = (event: { update: Uint8Array }) => event.update.byteLength;

/** The live document, once the caller may read it (NOT_FOUND otherwise, as for an unknown id). */
async function openReadable(ctx: TandemContext, documentId: string): Promise<LiveDocument> {
  await ctx.access.require(ctx.caller, 'read', documentId);
  return ctx.documents.open(documentId);
}

export const Subscription = {
  documentEvents: {
    subscribe: async (_: unknown, args: { documentId: string; stateVector?: Uint8Array | null }, ctx: TandemContext) => {
      const live = await openReadable(ctx, args.documentId);
      return documentStream<DocumentEvent>(ctx, live, { maxBytes: ctx.limits.subscriberBacklogBytes, sizeOf: bytesOfUpdate }, (send) => {
        const unlisten = live.listen((applied) => send(updateEventOf(applied)));
        send({ kind: 'SYNC', update: live.diff(args.stateVector ?? undefined), origin: null, stateVector: live.stateVector() });
        return unlisten;
      });
    },
    resolve: resolveEmitted<DocumentEvent>,
  },
  awarenessEvents: {
    subscribe: async (_: unknown, args: { documentId: string; clientId?: number | null }, ctx: TandemContext) => {
      const live = await openReadable(ctx, args.documentId);
      // GraphQL Int is signed 32-bit, Yjs clientIDs are unsigned: clients send `clientID | 0`.
      const clientId = args.clientId == null ? null : args.clientId >>> 0;
      return documentStream<{ update: Uint8Array }>(ctx, live, { maxBytes: ctx.limits.subscriberBacklogBytes, sizeOf: bytesOfUpdate }, (send) => {
        const subscription = ctx.documents.awareness.subscribe(args.documentId, clientId, (update) => send(awarenessEventOf(update)));
        send({ update: subscription.initial });
        return () => subscription.end();
      });
    },
    resolve: resolveEmitted<{ update: Uint8Array }>,
  },
  documentChanged: {
    subscribe: async (_: unknown, args: { documentId: string }, ctx: TandemContext) => {
      const live = await openReadable(ctx, args.documentId);
      // One read of the row at a time; changes during a read make one more read after it, so
      // a burst of renames ends with the last title and costs two reads, not one each. A new
      // role (myRole) is a change too: the row is sent again.
      let refreshNow: () => void = () => {};
      // Rows are small: only the event count bounds this stream.
      return documentStream<DocumentRow>(ctx, live, { maxBytes: Number.POSITIVE_INFINITY, sizeOf: () => 0 }, (send, end) => {
        let reading = false;
        let again = false;
        const refresh = async () => {
          if (reading) {
            again = true;
            return;
          }
          reading = true;
          try {
            do {
              again = false;
              const row = await ctx.documents.findDocument(args.documentId);
              if (!row) return end(documentNotFound(args.documentId));
              send(row);
            } while (again);
          } catch (error) {
            ctx.log.warn('documentChanged could not read the document', { documentId: args.documentId, error });
          } finally {
            reading = false;
          }
        };
        refreshNow = () => void refresh();
        const unwatch = ctx.documents.onChanged(args.documentId, refreshNow);
        void refresh();
        return unwatch;
      }, () => refreshNow());
    },
    resolve: resolveEmitted<DocumentRow>,
  },
  threadEvents: {
    subscribe: async (_: unknown, args: { documentId: string }, ctx: TandemContext) => {
      const live = await openReadable(ctx, args.documentId);
      // Events are small and rare next to updates: only the event count bounds this stream.
      return documentStream<ThreadEvent>(ctx, live, { maxBytes: Number.POSITIVE_INFINITY, sizeOf: () => 0 }, (send) =>
        ctx.comments.events.subscribe(args.documentId, send),
      );
    },
    resolve: resolveEmitted<ThreadEvent>,
  },
};
