import { useEffect, useRef } from 'react';
import { Outlet, ScrollRestoration, useLocation } from 'react-router';
import { SessionProvider } from './providers/session-provider';

/**
 * After a client-side navigation nothing tells assistive technology that the page changed,
 * so move focus to the new page's h1 (as a full page load would start at the top).
 */
function useFocusHeadingOnNavigation(): void {
  const { pathname } = useLocation();
  // Starts at the first page so a fresh load leaves focus where the browser puts it.
  const focusedFor = useRef(pathname);

  useEffect(() => {
    if (focusedFor.current === pathname) return;
    focusedFor.current = pathname;
    document.querySelector<HTMLElement>('h1[tabindex="-1"]')?.focus();
  }, [pathname]);
}

export function RootLayout() {
  useFocusHeadingOnNavigation();
  return (
    <SessionProvider>
      <Outlet />
      <ScrollRestoration />
    </SessionProvider>
  );
}
