import { useRef, useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { NoteMarkdown } from '../../components/markdown/lazy-markdown';
import { Alert, LiveStatus } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { KeptDraftNotice, type TheirChange } from '../../components/ui/kept-draft-notice';
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
import { useFocusAfterRender } from '../../lib/use-focus-after-render';
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

/** A save the server refused because someone else saved the note first: what was to be saved, on which version. */
interface Draft {
  change: NoteChange;
  base: Note;
  etag: string | null;
}

/** The fields the person changed that someone else changed too (from `base` to `latest`). */
function bothChanged({ change, base }: Draft, latest: Note): TheirChange[] {
  const theirs: TheirChange[] = [];
  if (change.title !== undefined && base.title !== latest.title) theirs.push({ label: 'Title', value: latest.title });
  if (change.body !== undefined && base.body !== latest.body) theirs.push({ label: 'Text', value: latest.body });
  if (change.visibility !== undefined && base.visibility !== latest.visibility) theirs.push({ label: 'Visibility', value: null });
  return theirs;
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

  // A save refused by a 412 (until "Reload" brings the new version), then that draft on top of the new version.
  const [refused, setRefused] = useState<(Draft & { reloading: boolean }) | null>(null);
  const [kept, setKept] = useState<Draft | null>(null);
  // "Edit note" disappears while the form is open: closing it puts the keyboard back there.
  const editButton = useRef<HTMLButtonElement>(null);
  const focusAfterRender = useFocusAfterRender();

  // The reloaded version has arrived: the form starts over from it, with the refused changes on top.
  if (refused?.reloading && current.etag !== refused.etag) {
    setKept({ change: refused.change, base: refused.base, etag: current.etag });
    setRefused(null);
  }

  function closeEdit() {
    setStale(false);
    setRefused(null);
    setKept(null);
    setEditing(false);
    focusAfterRender(() => editButton.current);
  }

  function replace(next: WithEtag<Note>, message: string | null) {
    // An answer without an ETag cannot protect the next save; read the note again.
    if (next.etag === null) onReload();
    onReplace(next);
    setStatus(message);
  }

  async function save(change: NoteChange) {
    if (Object.keys(change).length === 0) {
      closeEdit();
      setStatus('Nothing was changed.');
      return;
    }
    try {
      replace(await updateNote(note.id, change, current.etag), 'Your changes have been saved.');
      closeEdit();
    } catch (error) {
      // The form stays open with the person's text in it; a reload keeps it too, on top of the new version.
      if (isApiError(error) && error.status === 412) {
        setStale(true);
        setRefused({ change, base: note, etag: current.etag, reloading: false });
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
            setStatus(null);
            // The open edit stays open: the new version comes in under the person's changes.
            setRefused((draft) => draft && { ...draft, reloading: true });
            onReload();
          }}
        >
          <p>
            Your text is still in the form below and has not been saved; it is locked until you reload. Reload to bring in what was saved
            meanwhile: your changes stay in the form, on top of it, and you can go on editing.
          </p>
        </StaleNotice>
      )}
      {!editing && noteCan(note, 'update') && (
        <div className="page-actions actions">
          <Button
            ref={editButton}
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
          {kept && <KeptDraftNotice what="note" theirs={bothChanged(kept, note)} />}
          {/* Locked while a refused save waits for Reload: what is typed now could not be kept over it. */}
          <fieldset className="fieldset" disabled={refused !== null}>
            <NoteForm
              // A draft kept over a reload starts the form over from the new version.
              key={kept ? `kept:${kept.etag}` : 'edit'}
              mode="edit"
              note={note}
              {...(kept ? { draft: kept.change } : {})}
              canChooseVisibility={isEmployee}
              onCancel={closeEdit}
              onSubmit={save}
            />
          </fieldset>
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
