import { useEffect, useRef, useState } from 'react';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { LoadMore } from '../../../components/ui/load-more';
import { VisuallyHidden } from '../../../components/ui/visually-hidden';
import { toApiError } from '../../../lib/api-client';
import type { NamedRef } from '../../../lib/api-types';
import { problemSummary } from '../../../lib/problem';
import { useResource } from '../../../lib/use-resource';
import { listTopFolders } from '../../documents/api';
import { formatBytes } from '../../documents/labels';
import type { DocumentItem, Folder } from '../../documents/types';
import { useFolderChildren } from '../../documents/use-folder-children';
import { attachProblemMessage } from '../attachment-problems';

export interface AttachDocumentDialogProps {
  open: boolean;
  workspaceId: string;
  /** Documents already on the task: shown, but not offered again. */
  attachedIds: readonly string[];
  onClose: () => void;
  /** Attaches it; a thrown problem is shown in the dialog, which stays open. */
  onAttach: (document: DocumentItem) => Promise<void>;
}

export function AttachDocumentDialog(props: AttachDocumentDialogProps) {
  return (
    <Dialog open={props.open} title="Attach a document" onClose={props.onClose}>
      {props.open && <DocumentPicker {...props} />}
    </Dialog>
  );
}

/** Browse the workspace's folders one level at a time (buttons only), then pick a document. */
function DocumentPicker({ workspaceId, attachedIds, onClose, onAttach }: AttachDocumentDialogProps) {
  // The folders opened so far, top first; empty is the top of the workspace.
  const [trail, setTrail] = useState<NamedRef[]>([]);
  const [attaching, setAttaching] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const here = trail.at(-1) ?? null;
  // The button that opened a level is gone once it shows: focus goes to where the reader now is.
  const location = useRef<HTMLSpanElement>(null);
  const moved = useRef(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new level is what moves the focus
  useEffect(() => {
    if (moved.current) location.current?.focus();
  }, [here?.id]);

  function go(next: NamedRef[]) {
    moved.current = true;
    setError(null);
    setTrail(next);
  }

  async function attach(document: DocumentItem) {
    if (attaching !== null) return;
    setAttaching(document.id);
    setError(null);
    try {
      await onAttach(document);
    } catch (failure) {
      setError(attachProblemMessage(toApiError(failure).problem));
    } finally {
      setAttaching(null);
    }
  }

  return (
    <div className="folder-picker document-picker">
      <nav aria-label="Folders">
        <ol className="picker-trail">
          <li>
            {trail.length === 0 ? (
              <span ref={location} tabIndex={-1} aria-current="location">
                Top level
              </span>
            ) : (
              <Button variant="quiet" onClick={() => go([])}>
                Top level
              </Button>
            )}
          </li>
          {trail.map((step, index) => (
            <li key={step.id}>
              {index === trail.length - 1 ? (
                <span ref={location} tabIndex={-1} aria-current="location">
                  {step.name}
                </span>
              ) : (
                <Button variant="quiet" onClick={() => go(trail.slice(0, index + 1))}>
                  {step.name}
                </Button>
              )}
            </li>
          ))}
        </ol>
      </nav>
      {here === null ? (
        <TopLevel workspaceId={workspaceId} onOpen={(folder) => go([folder])} />
      ) : (
        <FolderLevel
          key={here.id}
          folderId={here.id}
          attachedIds={attachedIds}
          attaching={attaching}
          onOpen={(folder) => go([...trail, folder])}
          onPick={attach}
        />
      )}
      {error && (
        <Alert tone="error" title="The document was not attached.">
          <p>{error}</p>
        </Alert>
      )}
      <div className="actions">
        <Button onClick={onClose}>Cancel</Button>
      </div>
    </div>
  );
}

const named = (folder: Folder): NamedRef => ({ id: folder.id, name: folder.name });

function FolderButtons({ folders, onOpen }: { folders: Folder[]; onOpen: (folder: NamedRef) => void }) {
  return (
    <ul className="picker-list" aria-label="Folders here">
      {folders.map((folder) => (
        <li key={folder.id}>
          <Button variant="quiet" className="picker-folder" onClick={() => onOpen(named(folder))}>
            <VisuallyHidden>Open folder </VisuallyHidden>
            {folder.name}
          </Button>
        </li>
      ))}
    </ul>
  );
}

function TopLevel({ workspaceId, onOpen }: { workspaceId: string; onOpen: (folder: NamedRef) => void }) {
  const level = useResource((signal) => listTopFolders(workspaceId, signal), workspaceId);
  const folders = level.data ?? [];
  if (level.error) {
    return (
      <Alert tone="error" title="The folders could not be loaded.">
        <p>{problemSummary(level.error.problem)}</p>
        <Button onClick={level.reload}>Try again</Button>
      </Alert>
    );
  }
  if (level.loading && level.data === null) return <p role="status">Loading folders…</p>;
  if (folders.length === 0) return <p className="empty">This workspace has no folders you can see, so no documents to attach.</p>;
  return (
    <>
      <p className="field-hint">Documents live in folders: open one to find them.</p>
      <FolderButtons folders={folders} onOpen={onOpen} />
    </>
  );
}

interface FolderLevelProps {
  folderId: string;
  attachedIds: readonly string[];
  attaching: string | null;
  onOpen: (folder: NamedRef) => void;
  onPick: (document: DocumentItem) => void;
}

function FolderLevel({ folderId, attachedIds, attaching, onOpen, onPick }: FolderLevelProps) {
  const children = useFolderChildren(folderId);
  if (children.error && children.folders.length === 0 && children.documents.length === 0) {
    return (
      <Alert tone="error" title="This folder could not be loaded.">
        <p>{problemSummary(children.error.problem)}</p>
        <Button onClick={children.reload}>Try again</Button>
      </Alert>
    );
  }
  if (children.loading) return <p role="status">Loading the folder…</p>;
  if (children.folders.length === 0 && children.documents.length === 0) return <p className="empty">This folder is empty.</p>;
  return (
    <>
      {children.folders.length > 0 && <FolderButtons folders={children.folders} onOpen={onOpen} />}
      {children.documents.length === 0 ? (
        <p className="empty">No documents here; open a folder above.</p>
      ) : (
        <ul className="picker-list" aria-label="Documents here">
          {children.documents.map((document) => {
            const attached = attachedIds.includes(document.id);
            return (
              <li key={document.id} className="picker-document">
                {attached ? (
                  <span className="picker-document-name">
                    {document.name}
                    <span className="picker-document-note"> · already attached</span>
                  </span>
                ) : (
                  <Button
                    variant="quiet"
                    className="picker-folder picker-document-name"
                    busy={attaching === document.id}
                    onClick={() => onPick(document)}
                  >
                    <VisuallyHidden>Attach </VisuallyHidden>
                    {document.name}
                  </Button>
                )}
                <span className="picker-document-size">{formatBytes(document.size)}</span>
              </li>
            );
          })}
        </ul>
      )}
      {children.error && <Alert tone="error">{problemSummary(children.error.problem)}</Alert>}
      <LoadMore hasMore={children.nextCursor !== null} loading={children.loadingMore} onLoadMore={children.loadMore} />
    </>
  );
}
