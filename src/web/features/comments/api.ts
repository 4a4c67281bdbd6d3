import { api } from '../../lib/api-client';
import type { Page } from '../../lib/api-types';
import type { Comment, CommentInput, CommentTargetType, Mentionable } from './types';

const enc = encodeURIComponent;

/** The API path segment of each kind of item (`/api/v1/tasks/{id}/comments`). */
const SEGMENTS: Record<CommentTargetType, string> = {
  task: 'tasks',
  note: 'notes',
  activity: 'activities',
  document: 'documents',
};

const targetPath = (type: CommentTargetType, id: string) => `/api/v1/${SEGMENTS[type]}/${enc(id)}`;
const commentPath = (commentId: string) => `/api/v1/comments/${enc(commentId)}`;

/** A page of an item's comments, oldest first. */
/** Comments a page of the thread shows. */
export const COMMENT_PAGE_SIZE = 50;
/** The most the API answers at once: a live refresh reads the pages loaded so far in as few reads. */
export const COMMENT_READ_LIMIT = 200;

export function listComments(
  type: CommentTargetType,
  id: string,
  cursor: string | null,
  signal?: AbortSignal,
  limit = COMMENT_PAGE_SIZE,
): Promise<Page<Comment>> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor) query.set('cursor', cursor);
  return api.get<Page<Comment>>(`${targetPath(type, id)}/comments?${query.toString()}`, { signal });
}

export function createComment(type: CommentTargetType, id: string, input: CommentInput): Promise<Comment> {
  return api.post<Comment>(`${targetPath(type, id)}/comments`, input);
}

export function updateComment(commentId: string, input: CommentInput): Promise<Comment> {
  return api.patch<Comment>(commentPath(commentId), input);
}

export function deleteComment(commentId: string): Promise<void> {
  return api.delete(commentPath(commentId));
}

/** The people a comment on this item may mention, by name (or e-mail); an empty `q` lists the first ones. */
export async function listMentionable(type: CommentTargetType, id: string, q: string, signal?: AbortSignal): Promise<Mentionable[]> {
  const query = q.trim() ? `?${new URLSearchParams({ q: q.trim() }).toString()}` : '';
  return (await api.get<{ items: Mentionable[] }>(`${targetPath(type, id)}/mentionable${query}`, { signal })).items;
}
