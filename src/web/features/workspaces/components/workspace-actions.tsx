import { type Ref, useRef, useState } from 'react';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { toApiError, type WithEtag } from '../../../lib/api-client';
import type { Workspace } from '../../../lib/api-types';
import { problemSummary } from '../../../lib/problem';
import { useFocusAfterRender } from '../../../lib/use-focus-after-render';
import { archiveWorkspace, restoreWorkspace } from '../api';
import { WorkspaceAbility } from '../labels';

export interface WorkspaceActionsProps {
  workspace: Workspace;
  editing: boolean;
  /** The "Edit workspace" button, for the page to put focus back on when the edit closes. */
  editRef?: Ref<HTMLButtonElement>;
  onEdit: () => void;
  /** `message` is null when the page's own notice already says what happened (archived). */
  onChanged: (changed: WithEtag<Workspace>, message: string | null) => void;
}

/**
 * Edit, archive and restore, each shown only when the workspace's abilities allow it. Archiving asks
 * first; archive and restore take each other's place, and the keyboard moves to the one that appears.
 */
export function WorkspaceActions({ workspace, editing, editRef, onEdit, onChanged }: WorkspaceActionsProps) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [archiveError, setArchiveError] = useState<string | null>(null);
  const archiveButton = useRef<HTMLButtonElement>(null);
  const restoreButton = useRef<HTMLButtonElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const can = (ability: string) => (workspace.abilities as string[]).includes(ability);

  async function archive() {
    if (busy) return;
    setBusy(true);
    setArchiveError(null);
    try {
      // The page's "This workspace is archived" notice says it: no second message.
      onChanged(await archiveWorkspace(workspace.id), null);
      setConfirming(false);
      focusAfterRender(() => restoreButton.current);
    } catch (error) {
      setArchiveError(problemSummary(toApiError(error).problem));
    } finally {
      setBusy(false);
    }
  }

  async function restore() {
    setBusy(true);
    setFailure(null);
    try {
      onChanged(await restoreWorkspace(workspace.id), 'The workspace is active again.');
      focusAfterRender(() => archiveButton.current);
    } catch (error) {
      setFailure(problemSummary(toApiError(error).problem));
    } finally {
      setBusy(false);
    }
  }

  const buttons = [
    can(WorkspaceAbility.update) && !editing && (
      <Button key="edit" ref={editRef} onClick={onEdit}>
        Edit workspace
      </Button>
    ),
    can(WorkspaceAbility.archive) && (
      <Button
        key="archive"
        ref={archiveButton}
        busy={busy}
        onClick={() => {
          setFailure(null);
          setArchiveError(null);
          setConfirming(true);
        }}
      >
        Archive workspace
      </Button>
    ),
    can(WorkspaceAbility.restore) && (
      <Button key="restore" ref={restoreButton} busy={busy} onClick={restore}>
        Restore workspace
      </Button>
    ),
  ].filter(Boolean);

  if (buttons.length === 0 && !failure && !confirming) return null;
  return (
    <>
      {failure && (
        <Alert tone="error" title="The change was not made.">
          <p>{failure}</p>
        </Alert>
      )}
      <div className="actions page-actions">{buttons}</div>
      <ConfirmDialog
        open={confirming}
        title={`Archive “${workspace.name}”?`}
        confirmLabel="Archive workspace"
        busy={busy}
        error={archiveError}
        onConfirm={archive}
        onCancel={() => setConfirming(false)}
      >
        <p>
          Everyone keeps reading it, but nobody can change it any more: no uploads, edits, tasks, notes or comments. A manager can restore
          it later.
        </p>
      </ConfirmDialog>
    </>
  );
}
