import { useId, useState } from 'react';
import { Link } from 'react-router';
import { Alert, LiveStatus } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import type { Workspace } from '../../../lib/api-types';
import { changeIn, useRefetchOnChange } from '../../../lib/live-updates';
import { problemSummary } from '../../../lib/problem';
import { useResource } from '../../../lib/use-resource';
import { listTopFolders, trashRoute } from '../api';
import { DocumentsAbility, workspaceCan } from '../labels';
import type { Folder } from '../types';
import { FolderFormDialog } from './folder-form-dialog';
import { FolderList } from './folder-list';
import { TrashedNotice } from './trashed-notice';

export interface DocumentsSectionProps {
  workspace: Workspace;
  isEmployee: boolean;
}

/** The workspace page's way into its documents: the top-level folders the reader may see. */
export function DocumentsSection({ workspace, isEmployee }: DocumentsSectionProps) {
  const headingId = useId();
  const folders = useResource((signal) => listTopFolders(workspace.id, signal), `${workspace.id}:${workspace.status}`);
  useRefetchOnChange(folders.reload, changeIn(workspace.id, ['folder']));
  const [creating, setCreating] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const canCreate = workspaceCan(workspace, DocumentsAbility.createFolder);
  const canSeeTrash = workspaceCan(workspace, DocumentsAbility.readTrash);
  const items = folders.data ?? [];

  function added(folder: Folder) {
    folders.setData([...items.filter((item) => item.id !== folder.id), folder].sort((a, b) => a.name.localeCompare(b.name)));
    setCreating(false);
    setStatus(`The folder “${folder.name}” has been created.`);
  }

  return (
    <section className="section" aria-labelledby={headingId}>
      <div className="section-heading">
        <h2 id={headingId}>Documents</h2>
        <div className="actions">
          {canCreate && (
            <Button
              onClick={() => {
                setStatus(null);
                setCreating(true);
              }}
            >
              New folder
            </Button>
          )}
          {canSeeTrash && (
            <Link to={trashRoute(workspace.id)} className="button button-quiet">
              Trash
            </Link>
          )}
        </div>
      </div>
      <TrashedNotice onRestored={folders.reload} />
      <LiveStatus message={status} />
      {folders.error ? (
        <Alert tone="error" title="The folders could not be loaded.">
          <p>{problemSummary(folders.error.problem)}</p>
          <Button onClick={folders.reload}>Try again</Button>
        </Alert>
      ) : folders.loading && folders.data === null ? (
        <p>Loading folders…</p>
      ) : items.length === 0 ? (
        <p className="empty">
          {canCreate
            ? 'No folders yet. Create one to start sharing documents.'
            : isEmployee
              ? 'No folders yet.'
              : 'Nothing has been shared with you here yet.'}
        </p>
      ) : (
        <FolderList workspaceId={workspace.id} folders={items} label="Folders" />
      )}
      <FolderFormDialog
        workspaceId={workspace.id}
        mode={creating ? { kind: 'create', parent: null } : null}
        guestUploadAllowed={workspace.guestSettings.upload}
        onClose={() => setCreating(false)}
        onSaved={(saved) => added(saved.data)}
        onReload={folders.reload}
      />
    </section>
  );
}
