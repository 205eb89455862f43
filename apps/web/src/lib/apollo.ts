import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, type Reference } from '@apollo/client';
import { currentBearer } from './credentials';
import type { DocumentConnection, SnapshotConnection } from './operations';

/** A guest's share link rides every request as a bearer token; accounts use the cookie. */
const bearerLink = new ApolloLink((operation, forward) => {
  const token = currentBearer();
  if (token) {
    operation.setContext(({ headers }: { headers?: Record<string, string> }) => ({
      headers: { ...headers, authorization: `Bearer ${token}` },
    }));
  }
  return forward(operation);
});

/** A page of versions as the cache holds it: each version normalised to a reference. */
type CachedVersions = Omit<SnapshotConnection, 'nodes'> & { nodes: Reference[] };

export function createApolloClient(uri: string): ApolloClient {
  return new ApolloClient({
    // credentials: the session cookie goes to the API even on another port of this host.
    link: ApolloLink.from([bearerLink, new HttpLink({ uri, credentials: 'include' })]),
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
}
