'use client';

import { ApolloProvider } from '@apollo/client/react';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { createApolloClient } from '@/lib/apollo';
import { resolveApiUrl } from '@/lib/config';
import { registerServiceWorker } from '@/lib/service-worker';
import { ViewerProvider } from '@/lib/viewer';
import { ApiProblemBanner } from '@/components/ui/ApiProblemBanner';

const ApiUrlContext = createContext<string>('');

/** The API's /graphql URL, as the browser reaches it. */
export function useApiUrl(): string {
  return useContext(ApiUrlContext);
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
      <ApolloProvider client={client.apollo}>
        <ViewerProvider>
          <ApiProblemBanner apiUrl={client.url} />
          {children}
        </ViewerProvider>
      </ApolloProvider>
    </ApiUrlContext.Provider>
  );
}
