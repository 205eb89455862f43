// documentEvents and awarenessEvents. Both register their listener before they compute the
// first event, so nothing that happens in between is lost (DESIGN.md, sync step 2).
//
// Errors: an unknown document fails in `subscribe`, before any stream exists, so every
// transport returns an ordinary error result. A stream that must end later (the document was
// deleted, the subscriber fell too far behind) never throws from the iterator: graphql-sse
// turns such a rejection into an unhandled one that takes the process down. Instead it emits
// the error as its last event, the field's `resolve` throws it (the client gets a result with
// `errors`), and the stream completes.
import { Repeater } from 'graphql-yoga';
import { documentNotFound } from '../../documents/errors.js';
import type { TandemContext } from '../context.js';

/**
 * Events a subscriber may fall behind by before it is disconnected. Dropping events would
 * leave it silently diverged; ending the subscription makes it reconnect and SYNC afresh.
 */
const MAX_BACKLOG = 1000;

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

export const Subscription = {
  documentEvents: {
    subscribe: async (_: unknown, args: { documentId: string; stateVector?: Uint8Array | null }, ctx: TandemContext) => {
      const live = await ctx.documents.open(args.documentId);
      return new Repeater<Emitted<DocumentEvent>>(async (push, stop) => {
        let backlog = 0;
        const end = (error: Error) => {
          push(error).catch(() => {});
          stop();
        };
        const send = (event: DocumentEvent) => {
          if (++backlog > MAX_BACKLOG) {
            end(new Error(`subscriber fell more than ${MAX_BACKLOG} events behind; reconnect to resync`));
            return;
          }
          push(event).then(() => backlog--, () => {});
        };
        live.subscribers += 1;
        const unlisten = live.listen((event) =>
          send({ kind: 'UPDATE', update: event.update, origin: event.origin, stateVector: event.stateVector }),
        );
        const unwatchDelete = live.onDeleted(() => end(documentNotFound(args.documentId)));
        send({ kind: 'SYNC', update: live.diff(args.stateVector ?? undefined), origin: null, stateVector: live.stateVector() });
        await stop;
        unlisten();
        unwatchDelete();
        live.subscribers -= 1;
        live.touch();
      });
    },
    resolve: resolveEmitted<DocumentEvent>,
  },
  awarenessEvents: {
    subscribe: async (_: unknown, args: { documentId: string; clientId?: number | null }, ctx: TandemContext) => {
      const live = await ctx.documents.open(args.documentId);
      // GraphQL Int is signed 32-bit, Yjs clientIDs are unsigned: clients send `clientID | 0`.
      const clientId = args.clientId == null ? null : args.clientId >>> 0;
      return new Repeater<Emitted<{ update: Uint8Array }>>(async (push, stop) => {
        let backlog = 0;
        const subscription = ctx.documents.awareness.subscribe(args.documentId, clientId, (update) => {
          if (++backlog > MAX_BACKLOG) {
            push(new Error(`subscriber fell more than ${MAX_BACKLOG} events behind; reconnect`)).catch(() => {});
            stop();
            return;
          }
          push({ update }).then(() => backlog--, () => {});
        });
        live.subscribers += 1;
        const unwatchDelete = live.onDeleted(() => {
          push(documentNotFound(args.documentId)).catch(() => {});
          stop();
        });
        push({ update: subscription.initial }).catch(() => {});
        await stop;
        unwatchDelete();
        subscription.end();
        live.subscribers -= 1;
        live.touch();
      });
    },
    resolve: resolveEmitted<{ update: Uint8Array }>,
  },
};
