import { useEffect, useState } from 'react';
import { Button } from '../components/ui/button';
import { signOut } from '../features/auth/api';

/**
 * Shown to a guest instead of any page while the extranet is switched off: every request of
 * theirs is refused, so there is nothing else to show. Signing out must work even then.
 */
export function ExtranetClosedNotice({ message, onSignedOut }: { message: string; onSignedOut: () => void }) {
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = 'The extranet is closed · Foyer';
  }, []);

  async function handleSignOut() {
    setBusy(true);
    try {
      await signOut();
    } catch {
      // The session may already be refused; forgetting it here is all that is left to do.
    }
    onSignedOut();
  }

  return (
    <main id="main-content" className="boot">
      <h1 tabIndex={-1}>The extranet is closed</h1>
      <p role="alert">{message}</p>
      <Button variant="primary" busy={busy} onClick={handleSignOut}>
        Sign out
      </Button>
    </main>
  );
}
