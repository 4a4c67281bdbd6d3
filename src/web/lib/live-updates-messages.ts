// What the server's event stream (GET /api/v1/me/stream) says, read defensively: a message that
// does not parse is dropped rather than breaking the page that listens.

export const STREAM_PATH = '/api/v1/me/stream';

/** Something in a workspace changed: a task, a document, a folder, a note, an activity, a comment. */
export interface ChangeMessage {
  workspaceId: string;
  action: string;
  item: { type: string; id: string } | null;
}

/** What components hear from the one connection of the tab. */
export type LiveMessage =
  | { type: 'change'; change: ChangeMessage }
  /** What this person may enter changed: every open page reads what it shows again. */
  | { type: 'access' }
  /** The stream was (re)connected after a gap: messages may have been missed, so read again. */
  | { type: 'resync' }
  /** The unread count changed (new notifications, or some were read elsewhere). */
  | { type: 'notifications'; unread: number };

function parseJson(data: unknown): Record<string, unknown> | null {
  if (typeof data !== 'string') return null;
  try {
    const value: unknown = JSON.parse(data);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** `ready` and `notifications` carry `{ unread }`. */
export function parseUnread(data: unknown): number | null {
  const unread = parseJson(data)?.unread;
  return typeof unread === 'number' && Number.isInteger(unread) && unread >= 0 ? unread : null;
}

export function parseChange(data: unknown): ChangeMessage | null {
  const value = parseJson(data);
  if (!value || typeof value.workspaceId !== 'string' || typeof value.action !== 'string') return null;
  const item = value.item as Record<string, unknown> | null | undefined;
  const hasItem = item !== null && typeof item === 'object' && typeof item.type === 'string' && typeof item.id === 'string';
  return {
    workspaceId: value.workspaceId,
    action: value.action,
    item: hasItem ? { type: item.type as string, id: item.id as string } : null,
  };
}

/** A change predicate: anything in this workspace, optionally only about these kinds of item. */
export function changeIn(workspaceId: string, types?: readonly string[]): (change: ChangeMessage) => boolean {
  return (change) =>
    change.workspaceId === workspaceId && (types === undefined || (change.item !== null && types.includes(change.item.type)));
}

/** A change predicate: these kinds of item themselves changed in this workspace, not their comments. */
export function itemsChangedIn(workspaceId: string, types: readonly string[]): (change: ChangeMessage) => boolean {
  const inWorkspace = changeIn(workspaceId, types);
  return (change) => inWorkspace(change) && !isCommentChange(change);
}

/** A change predicate: this one item. */
export function changeOf(type: string, id: string): (change: ChangeMessage) => boolean {
  return (change) => change.item?.type === type && change.item.id === id;
}

/**
 * Whether a change is about comments (`comment.created`, `comment.updated`, `comment.deleted`): its
 * item is then the item commented on, so a thread listens for these and a page showing only the item
 * itself can let them pass.
 */
export function isCommentChange(change: ChangeMessage): boolean {
  return change.action.startsWith('comment.');
}

/** How long a tab waits before acting on `resync`: spread over 5 s, so pages do not all ask at once. */
export function resyncDelayMs(random: () => number = Math.random): number {
  return Math.floor(random() * 5_000);
}

/** How long to wait before opening the stream again after the browser gave up on it. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(60_000, 2_000 * 2 ** Math.max(0, attempt));
}
