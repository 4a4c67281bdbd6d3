import { useCallback, useEffect, useState } from 'react';
import { useHashToken } from '../../lib/use-hash-token';

// The link's token leaves the address bar as soon as it is read (decision 006). It is kept in
// this tab's sessionStorage instead, so a reload, or a detour through sign-in, still finds it;
// sessionStorage is never sent anywhere and ends with the tab.
const storageKey = 'foyer.invitationToken';

function readStored(): string | null {
  try {
    return window.sessionStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

function store(token: string | null): void {
  try {
    if (token === null) window.sessionStorage.removeItem(storageKey);
    else window.sessionStorage.setItem(storageKey, token);
  } catch {
    // Storage can be switched off; then only the link itself works, which is fine.
  }
}

/** The invitation token from "#token=…", or the one this tab already read. */
export function useInvitationToken(): { token: string | null; forget: () => void } {
  const fromHash = useHashToken();
  // Read once: forgetting the token must not make the page lose track of it mid-visit.
  const [stored] = useState(readStored);
  useEffect(() => {
    if (fromHash !== null) store(fromHash);
  }, [fromHash]);
  const forget = useCallback(() => store(null), []);
  return { token: fromHash ?? stored, forget };
}
