import { type MouseEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { Alert } from '../components/ui/alert';
import { Button } from '../components/ui/button';
import { signOut } from '../features/auth/api';
import { GuestNav } from '../features/guest/components/guest-nav';
import { GuestWorkspacesProvider } from '../features/guest/guest-workspaces';
import { NotificationBell } from '../features/notifications/components/notification-bell';
import { toApiError } from '../lib/api-client';
import { LiveUpdatesProvider } from '../lib/live-updates-provider';
import { problemSummary } from '../lib/problem';
import { MainNav } from './main-nav';
import { useCurrentUser, useSession } from './providers/session-context';

function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
  // Focus the landmark directly: following "#main-content" would add a hash to the route.
  event.preventDefault();
  document.getElementById('main-content')?.focus();
}

/** Header, navigation and main area around every signed-in page; guests get their own simpler menu. */
export function AppShell({ children }: { children?: ReactNode }) {
  const user = useCurrentUser();
  // One live connection per tab and person: signing out unmounts the shell, which closes it.
  return (
    <LiveUpdatesProvider key={user.id}>
      {user.kind === 'guest' ? (
        <GuestWorkspacesProvider userId={user.id}>
          <Shell guest>{children}</Shell>
        </GuestWorkspacesProvider>
      ) : (
        <Shell guest={false}>{children}</Shell>
      )}
    </LiveUpdatesProvider>
  );
}

function Shell({ guest, children }: { guest: boolean; children?: ReactNode }) {
  const { instance, signedOut } = useSession();
  const user = useCurrentUser();
  const { pathname } = useLocation();
  // Remember on which page the phone menu was opened: picking a page closes it by itself.
  const [menuOpenedOn, setMenuOpenedOn] = useState<string | null>(null);
  const menuOpen = menuOpenedOn === pathname;
  const menuButton = useRef<HTMLButtonElement>(null);
  const [signingOut, setSigningOut] = useState(false);
  const [signOutError, setSignOutError] = useState<string | null>(null);

  // Escape closes the open phone menu from the menu or its button, and hands the keyboard back to the button.
  useEffect(() => {
    if (!menuOpen) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const target = event.target instanceof Node ? event.target : null;
      const inMenu = target === menuButton.current || Boolean(target && document.getElementById('main-nav')?.contains(target));
      if (!inMenu && target !== document.body) return;
      setMenuOpenedOn(null);
      menuButton.current?.focus();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [menuOpen]);

  async function handleSignOut() {
    setSigningOut(true);
    setSignOutError(null);
    try {
      await signOut();
      signedOut();
    } catch (error) {
      setSignOutError(problemSummary(toApiError(error).problem));
      setSigningOut(false);
    }
  }

  return (
    <div className="shell">
      {/* biome-ignore lint/a11y/useValidAnchor: a real in-page link; the handler only keeps "#main-content" out of the route */}
      <a className="skip-link" href="#main-content" onClick={skipToMain}>
        Skip to main content
      </a>
      <header className="topbar">
        <Button
          ref={menuButton}
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpenedOn(menuOpen ? null : pathname)}
        >
          Menu
        </Button>
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            F
          </span>
          <span className="brand-name">{instance.organizationName ?? 'Foyer'}</span>
        </Link>
        <div className="account">
          {/* Guests find their notifications first in their menu; on a phone, where the menu is folded away, the bell shows the unread count too. */}
          {guest ? (
            <span className="bell-narrow-only">
              <NotificationBell />
            </span>
          ) : (
            <NotificationBell />
          )}
          <span className="account-name">{user.name}</span>
          <Button variant="quiet" busy={signingOut} onClick={handleSignOut}>
            Sign out
          </Button>
        </div>
      </header>
      <div className="shell-body">
        {guest ? <GuestNav open={menuOpen} /> : <MainNav open={menuOpen} />}
        <main id="main-content" className="shell-main" tabIndex={-1}>
          {signOutError && (
            <Alert tone="error" title="Signing out did not work.">
              <p>{signOutError}</p>
            </Alert>
          )}
          {children ?? <Outlet />}
        </main>
      </div>
    </div>
  );
}
