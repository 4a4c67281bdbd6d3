import { useEffect } from 'react';
import { useRouteError } from 'react-router';

/**
 * Last resort when rendering throws (a bug, or a chunk that failed to load after an upgrade).
 * It sits outside the session provider, so it must not depend on it.
 */
export function RootError() {
  const error = useRouteError();

  useEffect(() => {
    console.error(error);
    document.title = 'Something went wrong · Foyer';
  }, [error]);

  return (
    <main id="main-content" className="boot">
      <h1 tabIndex={-1}>Something went wrong</h1>
      <p>Foyer ran into a problem showing this page. Reloading usually helps.</p>
      <p>
        <a href="/">Reload Foyer</a>
      </p>
    </main>
  );
}
