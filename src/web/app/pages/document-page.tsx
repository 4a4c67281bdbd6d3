import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert, LiveStatus } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { PageHeading } from '../../components/ui/page-heading';
import { StaleNotice } from '../../components/ui/stale-notice';
import { Comments } from '../../features/comments/components/comments';
import {
  contentUrl,
  documentRoute,
  folderRoute,
  getDocument,
  getFolder,
  trashDocument,
  updateDocument,
} from '../../features/documents/api';
import { AccessReport } from '../../features/documents/components/access-report';
import { Breadcrumbs } from '../../features/documents/components/breadcrumbs';
import { DocumentDetails } from '../../features/documents/components/document-details';
import { DocumentPreview } from '../../features/documents/components/document-preview';
import { FilePickerButton } from '../../features/documents/components/file-picker-button';
import { MoveDialog } from '../../features/documents/components/move-dialog';
import { RenameDialog } from '../../features/documents/components/rename-dialog';
import { trashedState } from '../../features/documents/components/trashed-notice';
import { UploadList } from '../../features/documents/components/upload-list';
import { VersionsSection } from '../../features/documents/components/versions-section';
import type { DocumentItem } from '../../features/documents/types';
import { useUploads } from '../../features/documents/use-uploads';
import { getWorkspace } from '../../features/workspaces/api';
import { isApiError, toApiError, type WithEtag } from '../../lib/api-client';
import type { NamedRef } from '../../lib/api-types';
import { useReloadWhenAccessLost } from '../../lib/live-updates';
import { problemSummary } from '../../lib/problem';
import { useResource } from '../../lib/use-resource';
import { ResourcePage, type ResourceViewProps } from '../resource-page';

export function DocumentPage() {
  const { id = '', documentId = '' } = useParams();
  const document = useResource((signal) => getDocument(documentId, signal), documentId);
  // Only a loss of access: a reload under an open edit would hand it a newer version than it started from.
  useReloadWhenAccessLost((signal) => getDocument(documentId, signal), document.reload);

  return (
    <ResourcePage resource={document} workspaceId={id} id={documentId} noun="document" route={documentRoute}>
      {(view) => <DocumentView {...view} />}
    </ResourcePage>
  );
}

function DocumentView({ current, onReplace, onReload }: ResourceViewProps<DocumentItem>) {
  const navigate = useNavigate();
  const document = current.data;
  const workspace = useResource((signal) => getWorkspace(document.workspaceId, signal), document.workspaceId);
  const folder = useResource((signal) => getFolder(document.folderId, signal), document.folderId);
  const [status, setStatus] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const [moving, setMoving] = useState(false);
  const [trashing, setTrashing] = useState(false);
  const can = (ability: string) => (document.abilities as string[]).includes(ability);

  function replace(next: WithEtag<DocumentItem>, message: string) {
    // Answers without an ETag cannot protect the next change; read the document again.
    if (next.etag === null) onReload();
    onReplace(next);
    setStatus(message);
  }

  const uploads = useUploads({
    destination: { kind: 'version', documentId: document.id },
    onUploaded: (next) => replace({ data: next, etag: null }, `Version ${next.version} has been added.`),
  });

  // If-Match carries the version this page shows; a 412 means someone changed it meanwhile.
  async function change(body: Parameters<typeof updateDocument>[1], message: string) {
    try {
      replace(await updateDocument(document.id, body, current.etag), message);
      return true;
    } catch (error) {
      if (isApiError(error) && error.status === 412) {
        setStale(true);
        return false;
      }
      throw error;
    }
  }

  async function moveToTrash() {
    setTrashing(true);
    setProblem(null);
    try {
      await trashDocument(document.id);
      navigate(folderRoute(document.workspaceId, document.folderId), {
        state: trashedState({ kind: 'document', id: document.id, name: document.name }),
      });
    } catch (error) {
      setProblem(problemSummary(toApiError(error).problem));
      setTrashing(false);
    }
  }

  const folderData = folder.data?.data ?? null;
  const workspaceData = workspace.data?.data ?? null;
  const trail: NamedRef[] = folderData ? [...folderData.path, { id: folderData.id, name: folderData.name }] : [];

  return (
    <>
      <Breadcrumbs
        workspaceId={document.workspaceId}
        workspaceName={workspace.data?.data.name ?? null}
        folders={trail}
        current={document.name}
      />
      <PageHeading>{document.name}</PageHeading>
      {workspace.data?.data.status === 'archived' && <Alert tone="info">This workspace is archived. Its documents are read-only.</Alert>}
      <LiveStatus message={status} />
      {stale && (
        <StaleNotice
          what="document"
          onReload={() => {
            setStale(false);
            onReload();
          }}
        />
      )}
      {problem && <Alert tone="error">{problem}</Alert>}
      <div className="actions page-actions">
        {can('download') && (
          <a className="button button-primary" href={contentUrl(document.id)}>
            Download
          </a>
        )}
        {can('upload_version') && (
          <FilePickerButton multiple={false} onFiles={uploads.add}>
            Upload new version
          </FilePickerButton>
        )}
        {can('update') && (
          <>
            <Button onClick={() => setRenaming(true)}>Rename</Button>
            <Button onClick={() => setMoving(true)}>Move</Button>
          </>
        )}
        {can('trash') && (
          <Button variant="danger" busy={trashing} onClick={moveToTrash}>
            Move to trash
          </Button>
        )}
      </div>
      <UploadList uploads={uploads} workspaceId={document.workspaceId} linkToDocuments={false} />
      <DocumentDetails document={document} />
      <DocumentPreview document={document} />
      {can('read_versions') && (
        <VersionsSection
          document={document}
          onRestored={(next, from) => replace({ data: next, etag: null }, `Version ${from} has been restored as version ${next.version}.`)}
        />
      )}
      {can('access_report') && <AccessReport document={document} />}
      {(workspaceData || workspace.error) && (
        <Comments
          targetType="document"
          targetId={document.id}
          canComment={Boolean(workspaceData?.abilities.includes('comment')) && workspaceData?.status !== 'archived'}
        />
      )}
      <RenameDialog
        open={renaming}
        currentName={document.name}
        onClose={() => setRenaming(false)}
        onRename={async (name) => {
          await change({ name }, `The document has been renamed to “${name}”.`);
          setRenaming(false);
        }}
      />
      <MoveDialog
        open={moving}
        workspaceId={document.workspaceId}
        itemName={document.name}
        moving={{ kind: 'document' }}
        currentTrail={trail}
        onClose={() => setMoving(false)}
        onMove={async (destination) => {
          if (!destination) return;
          await change({ folderId: destination.id }, `The document has been moved to “${destination.name}”.`);
          setMoving(false);
        }}
      />
    </>
  );
}
