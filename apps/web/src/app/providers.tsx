'use client';

import { ApolloProvider } from '@apollo/client/react';
import { createContext, useCallback, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { createApolloClient, type SubscriptionStatus } from '@/lib/apollo';
import { resolveApiUrl } from '@/lib/config';
import { registerServiceWorker } from '@/lib/service-worker';

const ApiUrlContext = createContext<string>('');
const SubscriptionStatusContext = createContext<SubscriptionStatus | null>(null);

/** The API's /graphql URL, as the browser reaches it. */
export function useApiUrl(): string {
  return useContext(ApiUrlContext);
}

/** Whether Apollo's subscriptions are connected; while not, poll for what they would bring. */
export function useSubscriptionsLive(): boolean {
  const status = useContext(SubscriptionStatusContext);
  const subscribe = useCallback((listener: () => void) => status?.subscribe(listener) ?? (() => {}), [status]);
  return useSyncExternalStore(subscribe, () => status?.live ?? false, () => false);
}

export function Providers({ configuredApiUrl, children }: { configuredApiUrl: string | null; children: ReactNode }) {
  // The derived default needs window.location: resolve once, on the client only.
  const [client, setClient] = useState<{ url: string; apollo: ReturnType<typeof createApolloClient> } | null>(null);
  useEffect(() => {
    const url = resolveApiUrl(configuredApiUrl);
    setClient({ url, apollo: createApolloClient(url) });
    registerServiceWorker();
  }, [configuredApiUrl]);

  if (!client) return <div className="boot" aria-busy="true" />;
  return (
    <ApiUrlContext.Provider value={client.url}>
      <SubscriptionStatusContext.Provider value={client.apollo.subscriptions}>
        <ApolloProvider client={client.apollo.client}>{children}</ApolloProvider>
      </SubscriptionStatusContext.Provider>
    </ApiUrlContext.Provider>
  );
}
