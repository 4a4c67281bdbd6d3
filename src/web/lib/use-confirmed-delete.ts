import { useState } from 'react';
import { toApiError } from './api-client';
import { problemSummary } from './problem';

/**
 * The "Delete …?" dialog's state for a list of named things: which one is asked about, whether the
 * request runs, and the server's refusal to show inside the dialog.
 */
export function useConfirmedDelete<T extends { id: string; name: string }>(
  remove: (item: T) => Promise<void>,
  onDeleted: (item: T) => void,
) {
  const [target, setTarget] = useState<T | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    if (!target) return;
    setBusy(true);
    setError(null);
    try {
      await remove(target);
      onDeleted(target);
      setTarget(null);
    } catch (failure) {
      setError(problemSummary(toApiError(failure).problem));
    } finally {
      setBusy(false);
    }
  }

  return {
    target,
    busy,
    error,
    ask: (item: T) => {
      setError(null);
      setTarget(item);
    },
    cancel: () => setTarget(null),
    confirm,
  };
}
