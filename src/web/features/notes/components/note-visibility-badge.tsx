import { noteVisibilityLabels } from '../labels';
import type { NoteVisibility } from '../types';

/** For employees: whether the workspace's guests read the note. */
export function NoteVisibilityBadge({ visibility }: { visibility: NoteVisibility }) {
  return <span className={`badge note-visibility note-visibility-${visibility}`}>{noteVisibilityLabels[visibility]}</span>;
}
