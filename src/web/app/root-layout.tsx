import { useEffect, useRef } from 'react';
import { Outlet, ScrollRestoration, useLocation } from 'react-router';
import { SessionProvider } from './providers/session-provider';

/** How long a page may take to show its heading after a navigation before focus is left where it is. */
const HEADING_WAIT_MS = 10_000;

const pageHeading = () => document.querySelector<HTMLElement>('h1[tabindex="-1"]');

/**
 * After a client-side navigation nothing tells assistive technology that the page changed,
 * so move focus to the new page's h1 (as a full page load would start at the top). A page that
 * reads its data first shows "Loading…" without an h1: then the heading is awaited (for a bounded
 * time), unless the person has meanwhile moved focus somewhere themselves.
 */
function useFocusHeadingOnNavigation(): void {
  const { pathname } = useLocation();
  // Starts at the first page so a fresh load leaves focus where the browser puts it.
  const focusedFor = useRef(pathname);

  useEffect(() => {
    if (focusedFor.current === pathname) return;
    focusedFor.current = pathname;
    const heading = pageHeading();
    if (heading) {
      heading.focus();
      return;
    }
    // Focus is still where the navigation left it (the link, or nowhere once the link went away).
    const leftOn = document.activeElement;
    const untouched = () => {
      const active = document.activeElement;
      return active === null || active === document.body || active === leftOn;
    };
    const observer = new MutationObserver(() => {
      if (!untouched()) return stop();
      const found = pageHeading();
      if (!found) return;
      found.focus();
      stop();
    });
    const timer = window.setTimeout(() => stop(), HEADING_WAIT_MS);
    function stop() {
      observer.disconnect();
      window.clearTimeout(timer);
    }
    observer.observe(document.body, { childList: true, subtree: true });
    return stop;
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
