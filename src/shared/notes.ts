// Note vocabulary shared by the server and the web UI.

/** Shared notes are read by the workspace's guests; internal ones by its employees only. */
export const NOTE_VISIBILITIES = ['shared', 'internal'] as const;
export type NoteVisibility = (typeof NOTE_VISIBILITIES)[number];

export const NOTE_ACTIONS = ['read', 'update', 'read_history', 'restore'] as const;
export type NoteAction = (typeof NOTE_ACTIONS)[number];

export const NOTE_LIMITS = {
  title: 300,
  body: 100_000,
} as const;
