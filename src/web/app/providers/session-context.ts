import { createContext, useContext } from 'react';
import type { Instance, User } from '../../lib/api-types';

/** Why nobody is signed in any more, so sign-in can say the right thing. */
export type SessionEnd = 'signed-out' | 'expired' | null;

export interface Session {
  instance: Instance;
  user: User | null;
  ended: SessionEnd;
  signedIn: (user: User) => void;
  signedOut: () => void;
  updateUser: (user: User) => void;
  updateInstance: (change: Partial<Instance>) => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside <SessionProvider>');
  return session;
}

/** The signed-in person; only for components rendered behind <RequireSession>. */
export function useCurrentUser(): User {
  const { user } = useSession();
  if (!user) throw new Error('useCurrentUser must be used behind <RequireSession>');
  return user;
}

export function useAbility(ability: string): boolean {
  const { user } = useSession();
  return user?.abilities.includes(ability) ?? false;
}
