import { useState } from 'react';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { VisuallyHidden } from '../../../components/ui/visually-hidden';
import { toApiError } from '../../../lib/api-client';
import type { NamedRef } from '../../../lib/api-types';
import { problemSummary } from '../../../lib/problem';
import { useResource } from '../../../lib/use-resource';
import { listChildren, listTopFolders } from '../api';
import type { Folder } from '../types';

export interface MoveDialogProps {
  open: boolean;
  workspaceId: string;
  /** What is moved, for the title. */
  itemName: string;
  /** A folder cannot go inside itself; documents must stay inside some folder. */
  moving: { kind: 'folder'; id: string } | { kind: 'document' };
  /** Where it is now, top first (empty: the top of the workspace). The picker opens there. */
  currentTrail: readonly NamedRef[];
  onClose: () => void;
  /** Moves it into `destination` (null: the top level); a thrown problem is shown in the dialog. */
  onMove: (destination: NamedRef | null) => Promise<void>;
}

export function MoveDialog(props: MoveDialogProps) {
  return (
    <Dialog open={props.open} title={`Move “${props.itemName}”`} onClose={props.onClose}>
      {props.open && <FolderPicker {...props} />}
    </Dialog>
  );
}

/** Browse the workspace's folders one level at a time, then move here. Buttons only: nothing to learn. */
function FolderPicker({ workspaceId, moving, currentTrail, onClose, onMove }: MoveDialogProps) {
  // The folders opened so far, top first; empty is the top of the workspace.
  const [trail, setTrail] = useState<NamedRef[]>(() => [...currentTrail]);
  const currentParentId = currentTrail.at(-1)?.id ?? null;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const here = trail.at(-1) ?? null;
  const level = useResource<Folder[]>(
    async (signal) => (here ? (await listChildren(here.id, null, signal)).folders : await listTopFolders(workspaceId, signal)),
    here?.id ?? 'top',
  );
  const folders = (level.data ?? []).filter((folder) => !(moving.kind === 'folder' && folder.id === moving.id));
  const isCurrent = (here?.id ?? null) === currentParentId;
  const canMoveHere = !isCurrent && !(moving.kind === 'document' && here === null);

  async function move() {
    setBusy(true);
    setError(null);
    try {
      await onMove(here);
    } catch (failure) {
      setError(problemSummary(toApiError(failure).problem));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="folder-picker">
      <nav aria-label="Folder to move to">
        <ol className="picker-trail">
          <li>
            {trail.length === 0 ? (
              <span aria-current="location">Top level</span>
            ) : (
              <Button variant="quiet" onClick={() => setTrail([])}>
                Top level
              </Button>
            )}
          </li>
          {trail.map((step, index) => (
            <li key={step.id}>
              {index === trail.length - 1 ? (
                <span aria-current="location">{step.name}</span>
              ) : (
                <Button variant="quiet" onClick={() => setTrail(trail.slice(0, index + 1))}>
                  {step.name}
                </Button>
              )}
            </li>
          ))}
        </ol>
      </nav>
      {level.error ? (
        <Alert tone="error">{problemSummary(level.error.problem)}</Alert>
      ) : level.loading && level.data === null ? (
        <p>Loading folders…</p>
      ) : folders.length === 0 ? (
        <p className="empty">No folders inside.</p>
      ) : (
        <ul className="picker-list">
          {folders.map((folder) => (
            <li key={folder.id}>
              <Button variant="quiet" className="picker-folder" onClick={() => setTrail([...trail, { id: folder.id, name: folder.name }])}>
                <VisuallyHidden>Open </VisuallyHidden>
                {folder.name}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {isCurrent && <p className="field-hint">It is already here.</p>}
      {moving.kind === 'document' && here === null && <p className="field-hint">Documents live in folders: open one to move it there.</p>}
      {error && <Alert tone="error">{error}</Alert>}
      <div className="actions">
        <Button onClick={onClose}>Cancel</Button>
        {canMoveHere && (
          <Button variant="primary" busy={busy} onClick={move}>
            Move to {here ? `“${here.name}”` : 'the top level'}
          </Button>
        )}
      </div>
    </div>
  );
}
