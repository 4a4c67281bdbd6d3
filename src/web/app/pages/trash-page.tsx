import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { TRASH_RETENTION_DAYS } from '../../../shared/documents';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { DateTime } from '../../components/ui/date-time';
import { PageHeading } from '../../components/ui/page-heading';
import { VisuallyHidden } from '../../components/ui/visually-hidden';
import { documentRoute, emptyTrash, folderRoute, listTrash, restoreTrashItem, workspaceRoute } from '../../features/documents/api';
import { DocumentsAbility, workspaceCan } from '../../features/documents/labels';
import type { TrashItem } from '../../features/documents/types';
import { getWorkspace } from '../../features/workspaces/api';
import { toApiError } from '../../lib/api-client';
import { plural } from '../../lib/format';
import { problemSummary } from '../../lib/problem';
import { useConfirmedDelete } from '../../lib/use-confirmed-delete';
import { useResource } from '../../lib/use-resource';
import { NotFoundPage } from './not-found-page';

const kindLabels: Record<TrashItem['kind'], string> = { folder: 'Folder', document: 'Document' };

export function TrashPage() {
  const { id = '' } = useParams();
  const workspace = useResource((signal) => getWorkspace(id, signal), id);
  const trash = useResource((signal) => listTrash(id, signal), id);
  const [status, setStatus] = useState<{ text: string; link: string | null } | null>(null);
  const [restoring, setRestoring] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const workspaceData = workspace.data?.data ?? null;
  const items = trash.data ?? [];
  const emptying = useConfirmedDelete<{ id: string; name: string }>(
    (target) => emptyTrash(target.id),
    () => {
      trash.setData([]);
      setStatus({ text: 'The trash has been emptied.', link: null });
    },
  );

  // The trash answers 404 to anyone who may not see it, exactly like a workspace that does not exist.
  if (trash.error?.status === 404 || workspace.error?.status === 404) return <NotFoundPage />;

  async function restore(item: TrashItem) {
    setRestoring(item.id);
    setProblem(null);
    setStatus(null);
    try {
      await restoreTrashItem(item);
      trash.setData(items.filter((entry) => entry.id !== item.id));
      setStatus({
        text: `“${item.name}” has been restored.`,
        link: item.kind === 'folder' ? folderRoute(id, item.id) : documentRoute(id, item.id),
      });
    } catch (error) {
      setProblem(`“${item.name}” could not be restored. ${problemSummary(toApiError(error).problem)}`);
    } finally {
      setRestoring(null);
    }
  }

  const canEmpty = workspaceData !== null && workspaceCan(workspaceData, DocumentsAbility.emptyTrash);

  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <ol>
          <li>
            <Link to={workspaceRoute(id)}>{workspaceData?.name ?? 'Workspace'}</Link>
          </li>
          <li>
            <span aria-current="page">Trash</span>
          </li>
        </ol>
      </nav>
      <PageHeading
        description={`Deleted folders and documents stay here for ${TRASH_RETENTION_DAYS} days, then they are removed for good.`}
      >
        Trash
      </PageHeading>
      <div role="status" className="live-status">
        {status && (
          <div className="alert alert-success">
            {status.text} {status.link && <Link to={status.link}>Open it</Link>}
          </div>
        )}
      </div>
      {problem && <Alert tone="error">{problem}</Alert>}
      {canEmpty && items.length > 0 && (
        <div className="actions page-actions">
          <Button variant="danger" onClick={() => emptying.ask({ id, name: workspaceData?.name ?? 'this workspace' })}>
            Empty trash
          </Button>
        </div>
      )}
      {trash.error ? (
        <Alert tone="error" title="The trash could not be loaded.">
          <p>{problemSummary(trash.error.problem)}</p>
          <Button onClick={trash.reload}>Try again</Button>
        </Alert>
      ) : trash.data === null ? (
        <p>Loading the trash…</p>
      ) : items.length === 0 ? (
        <p className="empty">The trash is empty.</p>
      ) : (
        <ul className="item-list doc-list" aria-label="In the trash">
          {items.map((item) => (
            <li key={`${item.kind}:${item.id}`} className="item-row doc-row">
              <div className="doc-main">
                <span className="item-title">
                  <VisuallyHidden>{kindLabels[item.kind]}: </VisuallyHidden>
                  {item.name}
                </span>
                <p className="doc-meta">
                  <span aria-hidden="true">{kindLabels[item.kind]} · </span>
                  Was in {item.path.length > 0 ? item.path.map((step) => step.name).join(' / ') : 'the top level'}
                </p>
                <p className="doc-meta">
                  Deleted by {item.deletedBy?.name ?? 'someone no longer here'}, <DateTime iso={item.deletedAt} />. Removed for good on{' '}
                  <DateTime iso={item.purgeAt} />.
                </p>
              </div>
              <Button busy={restoring === item.id} onClick={() => restore(item)}>
                Restore<VisuallyHidden> {item.name}</VisuallyHidden>
              </Button>
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={emptying.target !== null}
        title="Empty the trash?"
        confirmLabel="Empty trash"
        busy={emptying.busy}
        error={emptying.error}
        onConfirm={emptying.confirm}
        onCancel={emptying.cancel}
      >
        <p>
          {plural(items.length, 'item', 'items')} in the trash, with everything inside them and all their versions, will be deleted for
          good. This cannot be undone.
        </p>
      </ConfirmDialog>
    </>
  );
}
