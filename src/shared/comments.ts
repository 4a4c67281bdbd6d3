// Comment vocabulary shared by the server and the web UI.

/** What a comment can be written on; the API path segment is the plural (`/tasks/{id}/comments`). */
export const COMMENT_TARGET_TYPES = ['task', 'note', 'activity', 'document'] as const;
export type CommentTargetType = (typeof COMMENT_TARGET_TYPES)[number];

/** `update`: change the text and mentions (the author); `delete`: the author or a manager of the workspace. */
export const COMMENT_ACTIONS = ['read', 'update', 'delete'] as const;
export type CommentAction = (typeof COMMENT_ACTIONS)[number];

export const COMMENT_LIMITS = {
  /** Characters of Markdown. */
  body: 10_000,
  /** People mentioned by one comment. */
  mentions: 20,
  /** People the mention picker offers at once. */
  picker: 20,
} as const;
