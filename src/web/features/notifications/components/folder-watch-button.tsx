import { useState } from 'react';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { toApiError } from '../../../lib/api-client';
import { problemSummary } from '../../../lib/problem';
import { useResource } from '../../../lib/use-resource';
import { getFolderWatch, setFolderWatch } from '../api';

/**
 * "Watch this folder": a toggle (aria-pressed) whose name stays the same while its state changes,
 * as toggle buttons should. Until the state is known it is not offered at all.
 */
export function FolderWatchButton({ folderId }: { folderId: string }) {
  const watch = useResource((signal) => getFolderWatch(folderId, signal), folderId);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [said, setSaid] = useState<string | null>(null);

  if (watch.data === null) return null;
  const watching = watch.data.watching;

  async function toggle() {
    setBusy(true);
    setProblem(null);
    setSaid(null);
    try {
      const next = await setFolderWatch(folderId, !watching);
      watch.setData(next);
      setSaid(
        next.watching
          ? 'You are watching this folder: you will be notified of documents uploaded into it.'
          : 'You no longer watch this folder.',
      );
    } catch (error) {
      setProblem(problemSummary(toApiError(error).problem));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button className="watch-button" aria-pressed={watching} busy={busy} onClick={toggle}>
        <span className="watch-mark" aria-hidden="true">
          {watching ? '✓' : '+'}
        </span>
        Watch this folder
      </Button>
      <span role="status" className="visually-hidden">
        {said}
      </span>
      {problem && <Alert tone="error">{problem}</Alert>}
    </>
  );
}
