import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, type Reference } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { endpoints } from '@tandem/provider';
import { OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';
import type { DocumentConnection, SnapshotConnection } from './operations';

/** A page of versions as the cache holds it: each version normalised to a reference. */
type CachedVersions = Omit<SnapshotConnection, 'nodes'> & { nodes: Reference[] };

/**
 * Whether Apollo's subscriptions are connected right now. Where WebSockets are blocked they
 * never are, and what they would have brought (a new title, a new version) is polled for.
 */
export interface SubscriptionStatus {
  readonly live: boolean;
  subscribe(listener: () => void): () => void;
}

function subscriptionLink(uri: string): { link: ApolloLink; status: SubscriptionStatus } {
  const listeners = new Set<() => void>();
  let live = false;
  const setLive = (next: boolean) => {
    if (next === live) return;
    live = next;
    for (const listener of listeners) listener();
  };
  const client = createClient({
    url: endpoints(uri).websocket,
    // Connects while a subscription is open, and keeps trying (graphql-ws gives up after 5 by
    // default): a proxy that refuses WebSockets today may let them through later.
    lazy: true,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    keepAlive: 15_000,
    on: { connected: () => setLive(true), closed: () => setLive(false) },
  });
  return {
    link: new GraphQLWsLink(client),
    status: {
      get live() {
        return live;
      },
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
  };
}

export function createApolloClient(uri: string): { client: ApolloClient; subscriptions: SubscriptionStatus } {
  const ws = subscriptionLink(uri);
  const client = new ApolloClient({
    // Queries and mutations over HTTP; subscriptions over graphql-ws (yoga refuses Apollo's
    // multipart HTTP subscriptions). The document's body never goes through Apollo: the
    // provider syncs it, with its own fallbacks.
    link: ApolloLink.split((operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION, ws.link, new HttpLink({ uri })),
    cache: new InMemoryCache({
      typePolicies: {
        Query: {
          fields: {
            // A document already seen (in the list, or just created) opens with its title at once.
            document: {
              read(existing, { args, toReference }) {
                return existing ?? (typeof args?.id === 'string' ? toReference({ __typename: 'Document', id: args.id }) : undefined);
              },
            },
            // One list, grown page by page: a request with `after` appends, one without
            // (first load, refetch after a change) starts over.
            documents: {
              keyArgs: false,
              merge(existing: DocumentConnection | undefined, incoming: DocumentConnection, { args }) {
                if (!existing || !args?.after) return incoming;
                return { ...incoming, nodes: [...existing.nodes, ...incoming.nodes] };
              },
            },
          },
        },
        Document: {
          fields: {
            // A document's versions, grown page by page with `after`. A request without it
            // (the panel's periodic refresh, or after naming or restoring) brings the newest page;
            // the older pages already shown are kept behind it when the two overlap, so the list
            // does not shrink back to one page. Cursors are version numbers: the endCursor held
            // stays valid. (A refetch() gets here only with refetchWritePolicy: 'merge'; by
            // default it overwrites, and `existing` is undefined.)
            snapshots: {
              keyArgs: false,
              merge(existing: CachedVersions | undefined, incoming: CachedVersions, { args }) {
                if (!existing) return incoming;
                if (args?.after) return { ...incoming, nodes: [...existing.nodes, ...incoming.nodes] };
                const oldest = incoming.nodes.at(-1);
                if (!incoming.pageInfo.hasNextPage || !oldest) return incoming;
                const overlap = existing.nodes.findIndex((node) => node.__ref === oldest.__ref);
                if (overlap === -1 || overlap === existing.nodes.length - 1) return incoming;
                return { nodes: [...incoming.nodes, ...existing.nodes.slice(overlap + 1)], pageInfo: existing.pageInfo };
              },
            },
          },
        },
      },
    }),
  });
  return { client, subscriptions: ws.status };
}
