import type { CommentAction, CommentTargetType } from '../../../shared/comments';
import type { NamedRef } from '../../lib/api-types';

export type { CommentAction, CommentTargetType };

/** One comment on a task, note, activity or document, as `GET …/comments` answers it. */
export interface Comment {
  id: string;
  targetType: CommentTargetType;
  targetId: string;
  workspaceId: string;
  /** Markdown as written; shown only through the Markdown component. Mentions are `@Name` text in it. */
  body: string;
  /** Null when the author's account is gone. */
  author: NamedRef | null;
  mentions: NamedRef[];
  createdAt: string;
  editedAt: string | null;
  abilities: CommentAction[];
}

/** Someone the picker offers: the only people a comment on this item may mention. */
export type Mentionable = NamedRef;

export interface CommentInput {
  body: string;
  mentionIds: string[];
}
