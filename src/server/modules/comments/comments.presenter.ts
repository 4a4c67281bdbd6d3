import type { Selectable } from 'kysely';
import { Type } from 'typebox';
import { COMMENT_ACTIONS, COMMENT_TARGET_TYPES, type CommentAction } from '../../../shared/comments.js';
import { type Actor, abilities } from '../../authz/index.js';
import type { CommentTarget } from '../../authz/policies/comment.policy.js';
import type { CommentsTable } from '../../db/schema.js';
import { IdSchema, Nullable, TimestampSchema } from '../../http/schemas.js';
import { type PersonRef, PersonRefSchema } from '../directory/person-ref.js';
import { workspaceTarget } from '../workspaces/workspaces.repo.js';
import type { CommentParent } from './comment-targets.js';

export type CommentRow = Selectable<CommentsTable>;

export const CommentSchema = Type.Object({
  id: IdSchema,
  targetType: Type.Enum(COMMENT_TARGET_TYPES),
  targetId: IdSchema,
  workspaceId: IdSchema,
  body: Type.String({ description: 'Markdown as written; render it sanitised' }),
  author: Nullable(PersonRefSchema),
  mentions: Type.Array(PersonRefSchema),
  createdAt: TimestampSchema,
  editedAt: Nullable(TimestampSchema),
  abilities: Type.Array(Type.Enum(COMMENT_ACTIONS)),
});

export const MentionableSchema = Type.Object({ id: IdSchema, name: Type.String() });

export function commentTarget(comment: Pick<CommentRow, 'id' | 'created_by' | 'shared_with_guests'>, parent: CommentParent): CommentTarget {
  return {
    id: comment.id,
    workspace: workspaceTarget(parent.workspace),
    authorId: comment.created_by,
    seesParent: parent.seenBy,
    sharedWithGuests: comment.shared_with_guests === 1,
  };
}

/** Reading only, while the workspace is archived. */
export function commentAbilities(actor: Actor, comment: CommentRow, parent: CommentParent): CommentAction[] {
  const all = abilities(actor, 'comment', commentTarget(comment, parent));
  return parent.workspace.status === 'archived' ? all.filter((a) => a === 'read') : all;
}

export function presentComment(
  actor: Actor,
  comment: CommentRow,
  mentionIds: readonly string[],
  parent: CommentParent,
  person: (id: string | null) => PersonRef,
) {
  return {
    id: comment.id,
    targetType: comment.target_type,
    targetId: comment.target_id,
    workspaceId: comment.workspace_id,
    body: comment.body,
    author: person(comment.created_by),
    mentions: mentionIds.map((id) => person(id)).filter((p): p is NonNullable<PersonRef> => p !== null),
    createdAt: comment.created_at,
    editedAt: comment.edited_at,
    abilities: commentAbilities(actor, comment, parent),
  };
}
