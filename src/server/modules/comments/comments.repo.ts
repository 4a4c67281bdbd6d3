import type { Kysely } from 'kysely';
import type { CommentTargetType } from '../../../shared/comments.js';
import type { Actor } from '../../authz/actor.js';
import { visibleComments } from '../../authz/scope.js';
import type { DB } from '../../db/schema.js';
import type { CommentRow } from './comments.presenter.js';

/** A comment that has not been deleted. */
export async function findComment(db: Kysely<DB>, id: string): Promise<CommentRow | undefined> {
  return db.selectFrom('comments').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

/** One page of an item's thread, oldest first, plus one row to tell whether another page follows. */
export async function listThread(
  db: Kysely<DB>,
  type: CommentTargetType,
  targetId: string,
  limit: number,
  reader: Actor,
  after?: { at: string; id: string },
): Promise<CommentRow[]> {
  let query = db
    .selectFrom('comments')
    .selectAll()
    .where('target_type', '=', type)
    .where('target_id', '=', targetId)
    .where('deleted_at', 'is', null);
  query = query.where(visibleComments(reader));
  if (after)
    query = query.where((eb) =>
      eb.or([eb('created_at', '>', after.at), eb.and([eb('created_at', '=', after.at), eb('id', '>', after.id)])]),
    );
  return query
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit + 1)
    .execute();
}

/** The people each comment mentions: one query however many comments. */
export async function mentionsOf(db: Kysely<DB>, commentIds: readonly string[]): Promise<Map<string, string[]>> {
  const byComment = new Map<string, string[]>(commentIds.map((id) => [id, []]));
  if (commentIds.length === 0) return byComment;
  const rows = await db
    .selectFrom('comment_mentions')
    .select(['comment_id', 'user_id'])
    .where('comment_id', 'in', [...commentIds])
    .orderBy('user_id')
    .execute();
  for (const row of rows) byComment.get(row.comment_id)?.push(row.user_id);
  return byComment;
}

export async function replaceMentions(db: Kysely<DB>, commentId: string, userIds: readonly string[]): Promise<void> {
  await db.deleteFrom('comment_mentions').where('comment_id', '=', commentId).execute();
  if (userIds.length > 0)
    await db
      .insertInto('comment_mentions')
      .values(userIds.map((user_id) => ({ comment_id: commentId, user_id })))
      .execute();
}
