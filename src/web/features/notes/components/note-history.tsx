import { useId, useState } from 'react';
import { NoteMarkdown } from '../../../components/markdown/lazy-markdown';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { toApiError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { problemSummary } from '../../../lib/problem';
import { useResource } from '../../../lib/use-resource';
import { listNoteVersions } from '../api';
import type { Note, NoteVersion } from '../types';
import { NoteVisibilityBadge } from './note-visibility-badge';

export interface NoteHistoryProps {
  note: Note;
  canRestore: boolean;
  showVisibility: boolean;
  /** Resolves once the version is the note's newest; rejects with the server's problem. */
  onRestore: (version: NoteVersion) => Promise<void>;
}

const who = (version: NoteVersion) => version.editedBy?.name ?? 'someone';

/** The saved versions, newest first: who saved each and when, its text, and bringing one back. */
export function NoteHistory({ note, canRestore, showVisibility, onRestore }: NoteHistoryProps) {
  const headingId = useId();
  const [open, setOpen] = useState(false);
  const [viewing, setViewing] = useState<string | null>(null);
  const [restoring, setRestoring] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  // Loaded when opened, and again whenever the note gets a new version.
  const versions = useResource(
    (signal) => (open ? listNoteVersions(note.id, signal) : Promise.resolve(null)),
    `${note.id}:${note.version}:${open}`,
  );
  const items = versions.data ?? [];
  const shown = items.find((version) => version.id === viewing) ?? null;

  async function restore(version: NoteVersion) {
    if (restoring) return;
    setRestoring(true);
    setProblem(null);
    try {
      await onRestore(version);
      setViewing(null);
    } catch (error) {
      setProblem(problemSummary(toApiError(error).problem));
    } finally {
      setRestoring(false);
    }
  }

  return (
    <section className="section-block note-history" aria-labelledby={headingId}>
      <h2 id={headingId} className="subheading">
        History
      </h2>
      <div className="actions">
        <Button aria-expanded={open} aria-controls={`${headingId}-panel`} onClick={() => setOpen((value) => !value)}>
          {open ? 'Hide history' : 'Show history'}
        </Button>
      </div>
      <div id={`${headingId}-panel`} hidden={!open}>
        {!open ? null : versions.error ? (
          <Alert tone="error" title="The history could not be loaded.">
            <p>{problemSummary(versions.error.problem)}</p>
            <Button onClick={versions.reload}>Try again</Button>
          </Alert>
        ) : versions.data === null ? (
          <p>Loading the history…</p>
        ) : items.length === 0 ? (
          <p className="empty">No saved versions you can see.</p>
        ) : (
          <>
            <ol className="item-list note-version-list" aria-label="Versions">
              {items.map((version) => (
                <li key={version.id} className="item-row">
                  <div className="note-version-main">
                    <span className="item-title">
                      Version {version.number}
                      {version.number === note.version && <span className="badge note-version-current">Current</span>}
                    </span>
                    <p className="note-meta">
                      {formatDateTime(version.createdAt)} by {who(version)}
                      {version.restoredFrom !== null && ` · restored from version ${version.restoredFrom}`}
                    </p>
                  </div>
                  <Button
                    aria-pressed={viewing === version.id}
                    onClick={() => {
                      setProblem(null);
                      setViewing(viewing === version.id ? null : version.id);
                    }}
                  >
                    {viewing === version.id ? 'Hide' : 'View'} version {version.number}
                  </Button>
                </li>
              ))}
            </ol>
            {shown && (
              <section className="note-version-view" aria-labelledby={`${headingId}-view`}>
                <h3 id={`${headingId}-view`}>
                  Version {shown.number}: {shown.title}
                </h3>
                <p className="note-meta">
                  {showVisibility && <NoteVisibilityBadge visibility={shown.visibility} />} Saved {formatDateTime(shown.createdAt)} by{' '}
                  {who(shown)}
                  {shown.restoredFrom !== null && ` · restored from version ${shown.restoredFrom}`}
                </p>
                {problem && <Alert tone="error">{problem}</Alert>}
                {canRestore && shown.number !== note.version && (
                  <div className="actions">
                    <Button variant="primary" busy={restoring} onClick={() => restore(shown)}>
                      Restore this version
                    </Button>
                  </div>
                )}
                {shown.body.trim() === '' ? <p className="empty">This version has no text.</p> : <NoteMarkdown source={shown.body} />}
              </section>
            )}
          </>
        )}
      </div>
    </section>
  );
}
