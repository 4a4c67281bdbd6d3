import { useState } from 'react';
import { isApiError, type WithEtag } from './api-client';

/**
 * Changes to an object people edit together: each answer replaces the page's copy (and its ETag),
 * a 412 raises the "someone else changed this" notice instead of overwriting, and a status line
 * says what was done.
 */
export function useGuardedChanges<T>(onReplace: (next: WithEtag<T>) => void, onReload: () => void) {
  const [status, setStatus] = useState<string | null>(null);
  const [stale, setStale] = useState(false);

  function replace(next: WithEtag<T>, message: string | null) {
    // An answer without an ETag cannot protect the next change; read the object again.
    if (next.etag === null) onReload();
    onReplace(next);
    setStatus(message);
  }

  /** Saves with `If-Match`: false (and the stale notice) when someone changed the object meanwhile. */
  async function change(save: () => Promise<WithEtag<T>>, message: string): Promise<boolean> {
    try {
      replace(await save(), message);
      return true;
    } catch (error) {
      if (isApiError(error) && error.status === 412) {
        setStale(true);
        return false;
      }
      throw error;
    }
  }

  return { status, setStatus, stale, setStale, replace, change };
}
