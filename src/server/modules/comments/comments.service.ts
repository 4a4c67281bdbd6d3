import type { CommentTargetType } from '../../../shared/comments.js';
import { record } from '../../audit/record.js';
import { type Actor, authorize, requireUser } from '../../authz/index.js';
import type { AppContext, RequestMeta } from '../../context.js';
import { invalid, notFound } from '../../http/problems.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { newId } from '../../lib/ids.js';
import { peopleFor } from '../directory/person-ref.js';
import { assertChangeable } from '../workspaces/workspace-access.js';
import { workspaceTarget } from '../workspaces/workspaces.repo.js';
import { type CommentParent, loadParent } from './comment-targets.js';
import { type CommentRow, commentTarget, presentComment } from './comments.presenter.js';
import { findComment, listThread, mentionsOf, replaceMentions } from './comments.repo.js';
import { checkMentions, mentionable } from './mentions.js';

export interface CommentInput {
  body: string;
  mentionIds?: string[];
}

function checkBody(body: string): string {
  if (!body.trim()) throw invalid('/body', 'must not be empty');
  return body;
}

async function presentMany(ctx: AppContext, actor: Actor, rows: CommentRow[], parent: CommentParent) {
  const mentions = await mentionsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const person = await peopleFor(ctx.db, actor, [...rows.map((r) => r.created_by), ...[...mentions.values()].flat()]);
  return rows.map((r) => presentComment(actor, r, mentions.get(r.id) ?? [], parent, person));
}

async function presentOne(ctx: AppContext, actor: Actor, id: string, parent: CommentParent) {
  const row = await findComment(ctx.db, id);
  if (!row) throw notFound();
  const [comment] = await presentMany(ctx, actor, [row], parent);
  if (!comment) throw notFound();
  return comment;
}

/** A comment and the item it is on, both as the caller may see them (404 otherwise). */
async function loadComment(ctx: AppContext, actor: Actor, id: string, action: 'update' | 'delete') {
  const row = await findComment(ctx.db, id);
  if (!row) throw notFound();
  const parent = await loadParent(ctx, actor, row.target_type, row.target_id);
  authorize(actor, 'comment', action, commentTarget(row, parent));
  return { row, parent };
}

/** An item's comments, oldest first. */
export async function listComments(
  ctx: AppContext,
  actor: Actor,
  type: CommentTargetType,
  targetId: string,
  query: { limit?: number; cursor?: string },
) {
  const parent = await loadParent(ctx, actor, type, targetId);
  const limit = query.limit ?? 50;
  const after = query.cursor ? decodeCursor(query.cursor, ['at', 'id']) : undefined;
  const rows = await listThread(ctx.db, type, targetId, limit, actor, after);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: await presentMany(ctx, actor, page, parent),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.created_at, id: last.id }) : null,
  };
}

/** The mention picker: who the caller may mention on this item (see `mentionable`). */
export async function listMentionable(ctx: AppContext, actor: Actor, type: CommentTargetType, targetId: string, q: string | undefined) {
  const caller = requireUser(actor);
  const parent = await loadParent(ctx, actor, type, targetId);
  // The picker serves writing a comment: whoever may not comment here has nobody to mention.
  authorize(actor, 'workspace', 'comment', workspaceTarget(parent.workspace));
  return { items: await mentionable(ctx.db, caller, parent, { ...(q !== undefined ? { q } : {}) }) };
}

export async function createComment(
  ctx: AppContext,
  actor: Actor,
  type: CommentTargetType,
  targetId: string,
  input: CommentInput,
  meta: RequestMeta,
) {
  const caller = requireUser(actor);
  const parent = await loadParent(ctx, actor, type, targetId);
  authorize(actor, 'workspace', 'comment', workspaceTarget(parent.workspace));
  assertChangeable(parent.workspace);
  const body = checkBody(input.body);
  const mentionIds = await checkMentions(ctx.db, caller, parent, input.mentionIds ?? []);
  const id = newId();
  const now = new Date().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('comments')
      .values({
        id,
        workspace_id: parent.workspace.id,
        target_type: type,
        target_id: targetId,
        body,
        created_by: caller.id,
        created_at: now,
        edited_at: null,
        deleted_at: null,
        shared_with_guests: parent.sharedWithGuests ? 1 : 0,
      })
      .execute();
    await replaceMentions(trx, id, mentionIds);
    await record(trx, {
      actorId: caller.id,
      action: 'comment.created',
      target: { type: 'comment', id },
      workspaceId: parent.workspace.id,
      ip: meta.ip,
      details: { targetType: type, targetId, mentionIds },
      internal: !parent.sharedWithGuests,
    });
  });
  return presentOne(ctx, actor, id, parent);
}

/** The author changes the text; the mentions stay as they were unless `mentionIds` is given. */
export async function updateComment(ctx: AppContext, actor: Actor, id: string, input: CommentInput, meta: RequestMeta) {
  const caller = requireUser(actor);
  const { row, parent } = await loadComment(ctx, actor, id, 'update');
  assertChangeable(parent.workspace);
  const body = checkBody(input.body);
  const before = (await mentionsOf(ctx.db, [id])).get(id) ?? [];
  const mentionIds = input.mentionIds !== undefined ? await checkMentions(ctx.db, caller, parent, input.mentionIds) : before;
  const sameMentions = mentionIds.length === before.length && mentionIds.every((m) => before.includes(m));
  // Nothing changed: nothing to stamp or record.
  if (body === row.body && sameMentions) return presentOne(ctx, actor, id, parent);
  await ctx.db.transaction().execute(async (trx) => {
    // Text written while the item is internal stays internal, also after the item is shared again.
    const sharedWithGuests = parent.sharedWithGuests ? row.shared_with_guests : 0;
    const updated = await trx
      .updateTable('comments')
      .set({ body, edited_at: new Date().toISOString(), shared_with_guests: sharedWithGuests })
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw notFound();
    if (!sameMentions) await replaceMentions(trx, id, mentionIds);
    await record(trx, {
      actorId: caller.id,
      action: 'comment.updated',
      target: { type: 'comment', id },
      workspaceId: parent.workspace.id,
      ip: meta.ip,
      details: { targetType: row.target_type, targetId: row.target_id, mentionIds, previousMentionIds: before },
      internal: sharedWithGuests === 0,
    });
  });
  return presentOne(ctx, actor, id, parent);
}

/** The author or a manager of the workspace; the comment leaves every list, the row stays for the audit trail. */
export async function deleteComment(ctx: AppContext, actor: Actor, id: string, meta: RequestMeta): Promise<void> {
  const caller = requireUser(actor);
  const { row, parent } = await loadComment(ctx, actor, id, 'delete');
  assertChangeable(parent.workspace);
  const mentionIds = (await mentionsOf(ctx.db, [id])).get(id) ?? [];
  await ctx.db.transaction().execute(async (trx) => {
    // Deleted by someone else a moment ago: answer as if it never was, and record nothing twice.
    const deleted = await trx
      .updateTable('comments')
      .set({ deleted_at: new Date().toISOString() })
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (Number(deleted.numUpdatedRows) !== 1) throw notFound();
    await record(trx, {
      actorId: caller.id,
      action: 'comment.deleted',
      target: { type: 'comment', id },
      workspaceId: parent.workspace.id,
      ip: meta.ip,
      details: { targetType: row.target_type, targetId: row.target_id, mentionIds },
      internal: row.shared_with_guests === 0,
    });
  });
}
