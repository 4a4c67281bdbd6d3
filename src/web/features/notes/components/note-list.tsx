import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/format';
import { noteRoute } from '../api';
import type { NoteSummary } from '../types';
import { NoteVisibilityBadge } from './note-visibility-badge';

export interface NoteListProps {
  notes: readonly NoteSummary[];
  showVisibility: boolean;
}

/** One row per note: its title (the link to it), who changed it last and when, and for employees who may read it. */
export function NoteList({ notes, showVisibility }: NoteListProps) {
  return (
    <ul className="item-list note-list" aria-label="Notes">
      {notes.map((note) => (
        <li key={note.id} className="item-row note-row">
          <div className="note-main">
            <Link to={noteRoute(note.workspaceId, note.id)} className="item-title note-title">
              {note.title}
            </Link>
            <p className="note-meta">
              Changed {formatDateTime(note.updatedAt)}
              {note.updatedBy && ` by ${note.updatedBy.name}`}
            </p>
          </div>
          {showVisibility && <NoteVisibilityBadge visibility={note.visibility} />}
        </li>
      ))}
    </ul>
  );
}
