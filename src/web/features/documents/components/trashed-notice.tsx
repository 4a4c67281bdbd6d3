import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { Button } from '../../../components/ui/button';
import { toApiError } from '../../../lib/api-client';
import { problemSummary } from '../../../lib/problem';
import { restoreTrashItem } from '../api';

export interface Trashed {
  kind: 'folder' | 'document';
  id: string;
  name: string;
}

/** Navigation state a page leaves behind after moving something to the trash, so the next page offers undo. */
export const trashedState = (trashed: Trashed) => ({ trashed });

function readTrashed(state: unknown): Trashed | null {
  if (typeof state !== 'object' || state === null) return null;
  const trashed = (state as { trashed?: unknown }).trashed;
  if (typeof trashed !== 'object' || trashed === null) return null;
  const { kind, id, name } = trashed as Record<string, unknown>;
  if ((kind !== 'folder' && kind !== 'document') || typeof id !== 'string' || typeof name !== 'string') return null;
  return { kind, id, name };
}

/** "“report.pdf” is in the trash. [Restore]": undo right where the reader landed. */
export function TrashedNotice({ onRestored }: { onRestored: () => void }) {
  const location = useLocation();
  const navigate = useNavigate();
  const [trashed, setTrashed] = useState<Trashed | null>(() => readTrashed(location.state));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [restored, setRestored] = useState<string | null>(null);

  // Shown once: a reload of the page must not offer the undo again.
  useEffect(() => {
    const fresh = readTrashed(location.state);
    if (!fresh) return;
    setTrashed(fresh);
    setRestored(null);
    setError(null);
    navigate(`${location.pathname}${location.search}`, { replace: true, state: null });
  }, [location.state, location.pathname, location.search, navigate]);

  async function restore() {
    if (!trashed) return;
    setBusy(true);
    setError(null);
    try {
      await restoreTrashItem(trashed);
      setRestored(`“${trashed.name}” has been restored.`);
      setTrashed(null);
      onRestored();
    } catch (failure) {
      setError(problemSummary(toApiError(failure).problem));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div role="status" className="live-status">
      {trashed && (
        <div className="alert alert-info trashed-notice">
          <p>
            {trashed.kind === 'folder'
              ? `The folder “${trashed.name}” and everything in it are in the trash.`
              : `“${trashed.name}” is in the trash.`}
          </p>
          <div className="actions">
            <Button busy={busy} onClick={restore}>
              Restore<span className="visually-hidden"> {trashed.name}</span>
            </Button>
            <Button variant="quiet" onClick={() => setTrashed(null)}>
              Dismiss
            </Button>
          </div>
          {error && <p className="field-error">{error}</p>}
        </div>
      )}
      {restored && <div className="alert alert-success">{restored}</div>}
    </div>
  );
}
