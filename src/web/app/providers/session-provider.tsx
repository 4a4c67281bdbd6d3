import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button } from '../../components/ui/button';
import { getInstance, getMe } from '../../features/auth/api';
import { isAbortError, onExtranetClosed, onSessionEnded, toApiError } from '../../lib/api-client';
import type { Instance, User } from '../../lib/api-types';
import { isExtranetClosed, problemSummary } from '../../lib/problem';
import { ExtranetClosedNotice } from '../extranet-closed-notice';
import { type Session, SessionContext, type SessionEnd } from './session-context';

type Boot = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready' };

interface Me {
  user: User | null;
  /** The server's message when a guest's session is refused because the extranet is closed. */
  closed: string | null;
}

async function loadMe(signal: AbortSignal): Promise<Me> {
  try {
    return { user: await getMe(signal), closed: null };
  } catch (error) {
    const { problem } = toApiError(error);
    if (problem.status === 401) return { user: null, closed: null };
    if (isExtranetClosed(problem)) return { user: null, closed: problem.detail ?? problem.title };
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
  const [closed, setClosed] = useState<string | null>(null);
  const userRef = useRef(user);
  userRef.current = user;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the "Try again" trigger
  useEffect(() => {
    const controller = new AbortController();
    setBoot({ state: 'loading' });
    Promise.all([getInstance(controller.signal), loadMe(controller.signal)]).then(
      ([loadedInstance, me]) => {
        setInstance(loadedInstance);
        setUser(me.user);
        setClosed(me.closed);
        setBoot({ state: 'ready' });
      },
      (error: unknown) => {
        if (isAbortError(error)) return;
        const { problem } = toApiError(error);
        // A guest's session while the extranet is closed is refused everywhere, even for /instance.
        if (isExtranetClosed(problem)) {
          setClosed(problem.detail ?? problem.title);
          setBoot({ state: 'ready' });
          return;
        }
        setBoot({ state: 'failed', message: problemSummary(problem) });
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

  // Only guests are shut out by a closed extranet; sign-in shows the same refusal in its form.
  useEffect(
    () =>
      onExtranetClosed((message) => {
        if (userRef.current?.kind === 'guest') setClosed(message);
      }),
    [],
  );

  const signedIn = useCallback((next: User) => {
    setUser(next);
    setEnded(null);
    setClosed(null);
  }, []);
  const signedOut = useCallback(() => {
    setUser(null);
    setEnded('signed-out');
    setClosed(null);
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

  if (closed !== null) {
    const afterSignOut = () => {
      signedOut();
      // Refused at start-up, the instance was never loaded: start over as a visitor.
      if (instance === null) setAttempt((value) => value + 1);
    };
    return <ExtranetClosedNotice message={closed} onSignedOut={afterSignOut} />;
  }
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
