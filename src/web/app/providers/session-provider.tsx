import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { Button } from '../../components/ui/button';
import { getInstance, getMe } from '../../features/auth/api';
import { isAbortError, onSessionEnded, toApiError } from '../../lib/api-client';
import type { Instance, User } from '../../lib/api-types';
import { problemSummary } from '../../lib/problem';
import { type Session, SessionContext, type SessionEnd } from './session-context';

type Boot = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready' };

async function loadMe(signal: AbortSignal): Promise<User | null> {
  try {
    return await getMe(signal);
  } catch (error) {
    if (toApiError(error).status === 401) return null;
    throw error;
  }
}

/** Loads the instance and the signed-in person once, before any page renders. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [instance, setInstance] = useState<Instance | null>(null);
  const [user, setUser] = useState<User | null>(null);
  const [ended, setEnded] = useState<SessionEnd>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the "Try again" trigger
  useEffect(() => {
    const controller = new AbortController();
    setBoot({ state: 'loading' });
    Promise.all([getInstance(controller.signal), loadMe(controller.signal)]).then(
      ([loadedInstance, loadedUser]) => {
        setInstance(loadedInstance);
        setUser(loadedUser);
        setBoot({ state: 'ready' });
      },
      (error: unknown) => {
        if (isAbortError(error)) return;
        setBoot({ state: 'failed', message: problemSummary(toApiError(error).problem) });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  useEffect(
    () =>
      onSessionEnded(() => {
        setUser(null);
        setEnded('expired');
      }),
    [],
  );

  const signedIn = useCallback((next: User) => {
    setUser(next);
    setEnded(null);
  }, []);
  const signedOut = useCallback(() => {
    setUser(null);
    setEnded('signed-out');
  }, []);
  const updateInstance = useCallback(
    (change: Partial<Instance>) => setInstance((current) => (current ? { ...current, ...change } : current)),
    [],
  );

  const session = useMemo<Session | null>(
    () =>
      instance && {
        instance,
        user,
        ended,
        signedIn,
        signedOut,
        updateUser: setUser,
        updateInstance,
      },
    [instance, user, ended, signedIn, signedOut, updateInstance],
  );

  if (boot.state === 'loading' || (boot.state === 'ready' && !session)) {
    return (
      <main id="main-content" className="boot">
        <p role="status">Loading Foyer…</p>
      </main>
    );
  }
  if (boot.state === 'failed' || !session) {
    return (
      <main id="main-content" className="boot">
        <h1 tabIndex={-1}>Foyer is not reachable</h1>
        <p role="alert">{boot.state === 'failed' ? boot.message : null}</p>
        <Button variant="primary" onClick={() => setAttempt((value) => value + 1)}>
          Try again
        </Button>
      </main>
    );
  }
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
