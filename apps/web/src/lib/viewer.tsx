'use client';

// Who is using the web app: the signed-in account (or none), and what the server says before
// anyone signs in (whether it waits for its administrator, its sign-up policy). Read once per
// page load; kept in localStorage too, so a reload while offline still knows who you are and
// goes on editing from the copy on this device.
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { usePathname, useRouter } from 'next/navigation';
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { SIGN_OUT, VIEWER_STATE, type Account, type SignUpPolicy } from './access-operations';

const STORED = 'tandem:me';

export interface Viewer {
  /** The signed-in account; null for nobody (or a guest with a link). */
  readonly me: Account | null;
  readonly needsSetup: boolean;
  readonly signUp: SignUpPolicy;
  /** Not known yet (first answer pending). */
  readonly loading: boolean;
  /** The server could not be asked: `me` is the last account known on this device. */
  readonly offline: boolean;
  refresh(): Promise<void>;
  signOut(): Promise<void>;
}

const ViewerContext = createContext<Viewer | null>(null);

function storedAccount(): Account | null {
  try {
    const raw = localStorage.getItem(STORED);
    return raw ? (JSON.parse(raw) as Account) : null;
  } catch {
    return null;
  }
}

function storeAccount(account: Account | null): void {
  try {
    if (account) localStorage.setItem(STORED, JSON.stringify(account));
    else localStorage.removeItem(STORED);
  } catch {
    // Only matters for offline reloads.
  }
}

export function ViewerProvider({ children }: { children: ReactNode }) {
  const apollo = useApolloClient();
  const { data, loading, error, refetch } = useQuery(VIEWER_STATE, { fetchPolicy: 'network-only' });
  const [signOutMutation] = useMutation(SIGN_OUT);
  const answered = data !== undefined;
  const me = answered ? data.me : error ? storedAccount() : null;

  useEffect(() => {
    if (answered) storeAccount(data.me);
  }, [answered, data]);

  const refresh = useCallback(async () => {
    await refetch();
  }, [refetch]);

  const signOut = useCallback(async () => {
    try {
      await signOutMutation();
    } finally {
      storeAccount(null);
      await apollo.clearStore();
      await refetch().catch(() => {});
    }
  }, [apollo, refetch, signOutMutation]);

  const viewer = useMemo<Viewer>(
    () => ({
      me,
      needsSetup: data?.serverInfo.needsSetup ?? false,
      signUp: data?.serverInfo.signUp ?? 'INVITE',
      loading: loading && !answered,
      offline: !answered && !!error,
      refresh,
      signOut,
    }),
    [me, data, loading, answered, error, refresh, signOut],
  );
  return <ViewerContext.Provider value={viewer}>{children}</ViewerContext.Provider>;
}

export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error('useViewer outside ViewerProvider');
  return viewer;
}

/** Where to go to sign in, coming back to this page afterwards. */
export function signInHref(next: string): string {
  return `/sign-in?next=${encodeURIComponent(next)}`;
}

/**
 * The page for accounts only: shows `children` to a signed-in account; sends anyone else to
 * sign in (or, on a server without accounts yet, to create its administrator).
 */
export function RequireAccount({ children }: { children: ReactNode }) {
  const viewer = useViewer();
  const router = useRouter();
  const path = usePathname();
  const missing = !viewer.loading && !viewer.me;
  useEffect(() => {
    if (!missing) return;
    router.replace(viewer.needsSetup ? '/sign-up' : signInHref(path));
  }, [missing, viewer.needsSetup, router, path]);
  if (viewer.loading || !viewer.me) return <div className="boot" aria-busy="true" />;
  return <>{children}</>;
}
