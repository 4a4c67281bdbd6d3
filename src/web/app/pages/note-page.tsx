import { useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { NoteMarkdown } from '../../components/markdown/lazy-markdown';
import { Alert, LiveStatus } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { PageHeading } from '../../components/ui/page-heading';
import { StaleNotice } from '../../components/ui/stale-notice';
import { Comments } from '../../features/comments/components/comments';
import { Breadcrumbs } from '../../features/documents/components/breadcrumbs';
import { getNote, type NoteChange, noteRoute, restoreNoteVersion, updateNote } from '../../features/notes/api';
import { NoteForm } from '../../features/notes/components/note-form';
import { NoteHistory } from '../../features/notes/components/note-history';
import { NoteVisibilityBadge } from '../../features/notes/components/note-visibility-badge';
import { noteCan } from '../../features/notes/labels';
import type { Note } from '../../features/notes/types';
import { getWorkspace } from '../../features/workspaces/api';
import { isApiError, type WithEtag } from '../../lib/api-client';
import { formatDateTime } from '../../lib/format';
import { useReloadWhenAccessLost } from '../../lib/live-updates';
import { useResource } from '../../lib/use-resource';
import { useCurrentUser } from '../providers/session-context';
import { ResourcePage, type ResourceViewProps } from '../resource-page';

export function NotePage() {
  const { id = '', noteId = '' } = useParams();
  const note = useResource((signal) => getNote(noteId, signal), noteId);
  // Only a loss of access: a reload under an open edit would hand it a newer version than it started from.
  useReloadWhenAccessLost((signal) => getNote(noteId, signal), note.reload);

  return (
    <ResourcePage resource={note} workspaceId={id} id={noteId} noun="note" route={noteRoute}>
      {(view) => <NoteView {...view} />}
    </ResourcePage>
  );
}

function NoteView({ current, onReplace, onReload }: ResourceViewProps<Note>) {
  const user = useCurrentUser();
  const location = useLocation();
  const note = current.data;
  const isEmployee = user.kind === 'employee';
  const workspace = useResource((signal) => getWorkspace(note.workspaceId, signal), note.workspaceId);
  const [editing, setEditing] = useState(false);
  const [stale, setStale] = useState(false);
  const [status, setStatus] = useState<string | null>(
    (location.state as { created?: boolean } | null)?.created ? 'The note has been saved.' : null,
  );

  function replace(next: WithEtag<Note>, message: string | null) {
    // An answer without an ETag cannot protect the next save; read the note again.
    if (next.etag === null) onReload();
    onReplace(next);
    setStatus(message);
  }

  async function save(change: NoteChange) {
    if (Object.keys(change).length === 0) {
      setEditing(false);
      setStatus('Nothing was changed.');
      return;
    }
    try {
      replace(await updateNote(note.id, change, current.etag), 'Your changes have been saved.');
      setStale(false);
      setEditing(false);
    } catch (error) {
      // The form stays open with the person's text in it: nothing is lost until they choose to reload.
      if (isApiError(error) && error.status === 412) {
        setStale(true);
        return;
      }
      throw error;
    }
  }

  const workspaceData = workspace.data?.data ?? null;

  return (
    <>
      <Breadcrumbs workspaceId={note.workspaceId} workspaceName={workspaceData?.name ?? null} folders={[]} current={note.title} />
      <PageHeading>{note.title}</PageHeading>
      {workspaceData?.status === 'archived' && <Alert tone="info">This workspace is archived. Its notes are read-only.</Alert>}
      <LiveStatus message={status} />
      {stale && (
        <StaleNotice
          what="note"
          verb="saved"
          onReload={() => {
            setStale(false);
            setEditing(false);
            setStatus(null);
            onReload();
          }}
        >
          <p>
            Your text is still in the form below and has not been saved. Copy anything you want to keep, then reload to see the note as it
            is now.
          </p>
        </StaleNotice>
      )}
      {!editing && noteCan(note, 'update') && (
        <div className="page-actions actions">
          <Button
            onClick={() => {
              setStatus(null);
              setEditing(true);
            }}
          >
            Edit note
          </Button>
        </div>
      )}
      {editing ? (
        <section className="section-block" aria-label="Edit note">
          <NoteForm
            mode="edit"
            note={note}
            canChooseVisibility={isEmployee}
            onCancel={() => {
              setStale(false);
              setEditing(false);
            }}
            onSubmit={save}
          />
        </section>
      ) : (
        <>
          <p className="note-facts">
            {isEmployee && <NoteVisibilityBadge visibility={note.visibility} />}
            <span>
              Version {note.version} · changed {formatDateTime(note.updatedAt)}
              {note.updatedBy && ` by ${note.updatedBy.name}`}
            </span>
            {isEmployee && (
              <span className="note-facts-hint">
                {note.visibility === 'internal' ? 'Guests never see this note.' : 'The workspace’s guests can read this note.'}
              </span>
            )}
          </p>
          <article className="note-article" aria-label={note.title}>
            {note.body.trim() === '' ? <p className="empty">This note has no text.</p> : <NoteMarkdown source={note.body} />}
          </article>
          {noteCan(note, 'read_history') && (
            <NoteHistory
              note={note}
              canRestore={noteCan(note, 'restore')}
              showVisibility={isEmployee}
              onRestore={async (version) => {
                setStatus(null);
                const next = await restoreNoteVersion(note.id, version.id);
                replace(next, `Version ${version.number} has been restored as version ${next.data.version}.`);
              }}
            />
          )}
        </>
      )}
      {(workspaceData || workspace.error) && (
        <Comments
          targetType="note"
          targetId={note.id}
          canComment={Boolean(workspaceData?.abilities.includes('comment')) && workspaceData?.status !== 'archived'}
        />
      )}
    </>
  );
}
