import type { NoteAction, NoteSummary, NoteVisibility } from './types';

export const noteVisibilityLabels: Record<NoteVisibility, string> = {
  shared: 'Shared',
  internal: 'Internal',
};

export const noteVisibilityHints: Record<NoteVisibility, string> = {
  shared: 'The workspace’s guests can read it.',
  internal: 'Employees only. Guests never see it.',
};

export const noteCan = (note: Pick<NoteSummary, 'abilities'>, ability: NoteAction) => note.abilities.includes(ability);
