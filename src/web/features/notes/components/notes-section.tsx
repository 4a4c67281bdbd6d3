import { useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import type { Workspace } from '../../../lib/api-types';
import { itemsChangedIn, useRefetchOnChange } from '../../../lib/live-updates';
import { problemSummary } from '../../../lib/problem';
import { useFocusAfterRender } from '../../../lib/use-focus-after-render';
import { useResource } from '../../../lib/use-resource';
import { createNote, listNotes, noteRoute } from '../api';
import { NoteForm } from './note-form';
import { NoteList } from './note-list';

export interface NotesSectionProps {
  workspace: Workspace;
  isEmployee: boolean;
}

/** The workspace page's notes, most recently changed first, and, where allowed, writing a new one. */
export function NotesSection({ workspace, isEmployee }: NotesSectionProps) {
  const headingId = useId();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const notes = useResource((signal) => listNotes(workspace.id, signal), `${workspace.id}:${workspace.status}`);
  useRefetchOnChange(notes.reload, itemsChangedIn(workspace.id, ['note']));
  const canCreate = workspace.abilities.includes('create_note');
  const items = notes.data ?? [];
  // The form replaces the "New note" button: Cancel puts the keyboard back there (a saved note opens its own page).
  const newNoteButton = useRef<HTMLButtonElement>(null);
  const focusAfterRender = useFocusAfterRender();

  return (
    <section className="section" aria-labelledby={headingId}>
      <div className="section-heading">
        <h2 id={headingId}>Notes</h2>
        {canCreate && !creating && (
          <div className="actions">
            <Button ref={newNoteButton} onClick={() => setCreating(true)}>
              New note
            </Button>
          </div>
        )}
      </div>
      {creating && (
        <div className="note-new">
          <h3>New note</h3>
          <NoteForm
            mode="create"
            canChooseVisibility={isEmployee}
            onCancel={() => {
              setCreating(false);
              focusAfterRender(() => newNoteButton.current);
            }}
            onSubmit={async (input) => {
              const note = (await createNote(workspace.id, input)).data;
              navigate(noteRoute(workspace.id, note.id), { state: { created: true } });
            }}
          />
        </div>
      )}
      {notes.error ? (
        <Alert tone="error" title="The notes could not be loaded.">
          <p>{problemSummary(notes.error.problem)}</p>
          <Button onClick={notes.reload}>Try again</Button>
        </Alert>
      ) : notes.loading && notes.data === null ? (
        <p>Loading notes…</p>
      ) : items.length === 0 ? (
        <p className="empty">
          {canCreate
            ? 'No notes yet. Write one to keep minutes, decisions or instructions here.'
            : isEmployee
              ? 'No notes yet.'
              : 'No notes have been shared with you here.'}
        </p>
      ) : (
        <NoteList notes={items} showVisibility={isEmployee} />
      )}
    </section>
  );
}
