import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert, LiveStatus } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { LoadMore } from '../../components/ui/load-more';
import { PageHeading } from '../../components/ui/page-heading';
import { StaleNotice } from '../../components/ui/stale-notice';
import { folderRoute, getFolder, trashFolder, updateFolder, workspaceRoute } from '../../features/documents/api';
import { Breadcrumbs } from '../../features/documents/components/breadcrumbs';
import { DocumentList } from '../../features/documents/components/document-list';
import { DropZone } from '../../features/documents/components/drop-zone';
import { FilePickerButton } from '../../features/documents/components/file-picker-button';
import { FolderAccessDetails } from '../../features/documents/components/folder-access';
import { FolderFormDialog, type FolderFormMode } from '../../features/documents/components/folder-form-dialog';
import { FolderList } from '../../features/documents/components/folder-list';
import { MoveDialog } from '../../features/documents/components/move-dialog';
import { TrashedNotice, trashedState } from '../../features/documents/components/trashed-notice';
import { UploadList } from '../../features/documents/components/upload-list';
import type { Folder } from '../../features/documents/types';
import { useFolderChildren } from '../../features/documents/use-folder-children';
import { useUploads } from '../../features/documents/use-uploads';
import { FolderWatchButton } from '../../features/notifications/components/folder-watch-button';
import { getWorkspace } from '../../features/workspaces/api';
import { isApiError, toApiError, type WithEtag } from '../../lib/api-client';
import type { NamedRef } from '../../lib/api-types';
import { changeIn, changeOf, useRefetchOnChange } from '../../lib/live-updates';
import { problemSummary } from '../../lib/problem';
import { useResource } from '../../lib/use-resource';
import { useCurrentUser } from '../providers/session-context';
import { ResourcePage, type ResourceViewProps } from '../resource-page';

export function FolderPage() {
  const { id = '', folderId = '' } = useParams();
  const folder = useResource((signal) => getFolder(folderId, signal), folderId);
  useRefetchOnChange(folder.reload, changeOf('folder', folderId));

  return (
    <ResourcePage resource={folder} workspaceId={id} id={folderId} noun="folder" route={folderRoute}>
      {(view) => <FolderView {...view} />}
    </ResourcePage>
  );
}

function FolderView({ current, onReplace, onReload }: ResourceViewProps<Folder>) {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const folder = current.data;
  const workspace = useResource((signal) => getWorkspace(folder.workspaceId, signal), folder.workspaceId);
  const children = useFolderChildren(folder.id);
  // A change does not say which folder a document is in: any document or folder of the workspace counts.
  useRefetchOnChange(children.refresh, changeIn(folder.workspaceId, ['document', 'folder']));
  const [dialog, setDialog] = useState<FolderFormMode | null>(null);
  const [moving, setMoving] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [trashing, setTrashing] = useState(false);
  const can = (ability: string) => (folder.abilities as string[]).includes(ability);
  const canUpload = can('upload');
  const uploads = useUploads({
    destination: { kind: 'folder', folderId: folder.id },
    nameTaken: children.hasDocumentNamed,
    onUploaded: (document) => {
      if (document.folderId === folder.id) children.upsertDocument(document);
    },
  });
  const workspaceData = workspace.data?.data ?? null;
  const parentPath = folder.path;

  function saved(next: WithEtag<Folder>, message: string) {
    // Answers without an ETag cannot protect the next edit; read the folder again.
    if (next.etag === null) onReload();
    onReplace(next);
    setStatus(message);
  }

  async function moveTo(destination: NamedRef | null) {
    const change: Parameters<typeof updateFolder>[1] = { parentId: destination?.id ?? null };
    // A top-level folder needs its own settings: keep the ones it had by inheritance.
    if (destination === null) {
      if (folder.ownVisibility === null) change.visibility = folder.visibility;
      if (folder.ownGuestAccess === null && folder.visibility === 'shared') change.guestAccess = folder.guestAccess;
    }
    try {
      const next = await updateFolder(folder.id, change, current.etag);
      setMoving(false);
      saved(next, destination ? `The folder has been moved to “${destination.name}”.` : 'The folder has been moved to the top level.');
    } catch (error) {
      if (isApiError(error) && error.status === 412) {
        setMoving(false);
        setStale(true);
        return;
      }
      throw error;
    }
  }

  async function moveToTrash() {
    setTrashing(true);
    setProblem(null);
    try {
      await trashFolder(folder.id);
      const parent = parentPath.at(-1);
      const to = parent ? folderRoute(folder.workspaceId, parent.id) : workspaceRoute(folder.workspaceId);
      navigate(to, { state: trashedState({ kind: 'folder', id: folder.id, name: folder.name }) });
    } catch (error) {
      setProblem(problemSummary(toApiError(error).problem));
      setTrashing(false);
    }
  }

  const empty = !children.loading && !children.error && children.folders.length === 0 && children.documents.length === 0;

  return (
    <>
      <Breadcrumbs
        workspaceId={folder.workspaceId}
        workspaceName={workspaceData?.name ?? null}
        folders={parentPath}
        current={folder.name}
      />
      <PageHeading>{folder.name}</PageHeading>
      {workspaceData?.status === 'archived' && <Alert tone="info">This workspace is archived. Its documents are read-only.</Alert>}
      <LiveStatus message={status} />
      <TrashedNotice onRestored={children.reload} />
      {stale && (
        <StaleNotice
          what="folder"
          onReload={() => {
            setStale(false);
            onReload();
          }}
        />
      )}
      {problem && <Alert tone="error">{problem}</Alert>}
      <FolderAccessDetails folder={folder} isGuest={user.kind === 'guest'} />
      <div className="actions page-actions">
        {canUpload && (
          <FilePickerButton variant="primary" onFiles={uploads.add}>
            Choose files
          </FilePickerButton>
        )}
        {can('create_folder') && (
          <Button
            onClick={() => {
              setStatus(null);
              setDialog({ kind: 'create', parent: folder });
            }}
          >
            New subfolder
          </Button>
        )}
        {can('update') && (
          <>
            <Button
              onClick={() => {
                setStatus(null);
                setDialog({ kind: 'edit', folder, etag: current.etag });
              }}
            >
              Folder settings
            </Button>
            <Button onClick={() => setMoving(true)}>Move</Button>
          </>
        )}
        {can('trash') && (
          <Button variant="danger" busy={trashing} onClick={moveToTrash}>
            Move to trash
          </Button>
        )}
        <FolderWatchButton folderId={folder.id} />
      </div>
      <UploadList uploads={uploads} workspaceId={folder.workspaceId} />
      <DropZone
        enabled={canUpload}
        onFiles={uploads.add}
        onFoldersRefused={(names) =>
          setProblem(`Folders cannot be uploaded (${names.join(', ')}). Create the folder here, open it and drop the files inside.`)
        }
      >
        {canUpload && <p className="drop-instructions">Drop files anywhere on this folder's contents to upload them.</p>}
        {children.error && (
          <Alert tone="error" title="The contents of this folder could not be loaded.">
            <p>{problemSummary(children.error.problem)}</p>
            <Button onClick={children.reload}>Try again</Button>
          </Alert>
        )}
        {children.loading ? (
          <p>Loading contents…</p>
        ) : empty ? (
          <p className="empty empty-drop">{canUpload ? 'No documents yet. Drop files here or choose files.' : 'No documents yet.'}</p>
        ) : (
          <>
            {children.folders.length > 0 && <FolderList workspaceId={folder.workspaceId} folders={children.folders} label="Subfolders" />}
            {children.documents.length > 0 ? (
              <DocumentList workspaceId={folder.workspaceId} documents={children.documents} />
            ) : (
              !children.error && <p className="empty">No documents in this folder yet.</p>
            )}
          </>
        )}
        <LoadMore hasMore={children.nextCursor !== null} loading={children.loadingMore} onLoadMore={children.loadMore} />
      </DropZone>
      <FolderFormDialog
        workspaceId={folder.workspaceId}
        mode={dialog}
        guestUploadAllowed={workspaceData?.guestSettings.upload ?? null}
        onClose={() => setDialog(null)}
        onReload={onReload}
        onSaved={(next) => {
          const mode = dialog;
          setDialog(null);
          if (mode?.kind === 'create') {
            children.upsertFolder(next.data);
            setStatus(`The folder “${next.data.name}” has been created.`);
          } else {
            saved(next, 'The folder settings have been saved.');
          }
        }}
      />
      <MoveDialog
        open={moving}
        workspaceId={folder.workspaceId}
        itemName={folder.name}
        moving={{ kind: 'folder', id: folder.id }}
        currentTrail={folder.path}
        onClose={() => setMoving(false)}
        onMove={moveTo}
      />
    </>
  );
}
