import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from './providers/session-context';

export interface SignInState {
  /** Where to return after signing in. */
  from?: string;
  notice?: 'signed-out' | 'expired' | 'password-reset';
}

/** Sends visitors to sign-in, remembering where they were going. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { user, ended } = useSession();
  const location = useLocation();
  if (user) return children;

  // After signing out on purpose, coming back to the same page would be surprising.
  const state: SignInState =
    ended === 'signed-out'
      ? { notice: 'signed-out' }
      : { from: `${location.pathname}${location.search}${location.hash}`, ...(ended === 'expired' ? { notice: 'expired' } : {}) };
  return <Navigate to="/sign-in" replace state={state} />;
}
