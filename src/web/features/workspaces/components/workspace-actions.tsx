import { useState } from 'react';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { toApiError, type WithEtag } from '../../../lib/api-client';
import type { Workspace } from '../../../lib/api-types';
import { problemSummary } from '../../../lib/problem';
import { archiveWorkspace, restoreWorkspace } from '../api';
import { WorkspaceAbility } from '../labels';

export interface WorkspaceActionsProps {
  workspace: Workspace;
  editing: boolean;
  onEdit: () => void;
  onChanged: (changed: WithEtag<Workspace>, message: string) => void;
}

/** Edit, archive and restore, each shown only when the workspace's abilities allow it. */
export function WorkspaceActions({ workspace, editing, onEdit, onChanged }: WorkspaceActionsProps) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const can = (ability: string) => (workspace.abilities as string[]).includes(ability);

  async function change(action: typeof archiveWorkspace, message: string) {
    setBusy(true);
    setFailure(null);
    try {
      onChanged(await action(workspace.id), message);
    } catch (error) {
      setFailure(problemSummary(toApiError(error).problem));
    } finally {
      setBusy(false);
    }
  }

  const buttons = [
    can(WorkspaceAbility.update) && !editing && (
      <Button key="edit" onClick={onEdit}>
        Edit workspace
      </Button>
    ),
    can(WorkspaceAbility.archive) && (
      <Button
        key="archive"
        busy={busy}
        onClick={() => change(archiveWorkspace, 'The workspace is archived. It stays readable but nobody can change it.')}
      >
        Archive workspace
      </Button>
    ),
    can(WorkspaceAbility.restore) && (
      <Button key="restore" busy={busy} onClick={() => change(restoreWorkspace, 'The workspace is active again.')}>
        Restore workspace
      </Button>
    ),
  ].filter(Boolean);

  if (buttons.length === 0 && !failure) return null;
  return (
    <>
      {failure && (
        <Alert tone="error" title="The change was not made.">
          <p>{failure}</p>
        </Alert>
      )}
      <div className="actions page-actions">{buttons}</div>
    </>
  );
}
