import type { Kysely } from 'kysely';
import { notificationPath } from '../../../shared/notifications.js';
import type { Actor, UserActor } from '../../authz/actor.js';
import { requireUser } from '../../authz/index.js';
import { visibleNotifications } from '../../authz/scope.js';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/schema.js';
import { notFound } from '../../http/problems.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { peopleFor } from '../directory/person-ref.js';
import { invitationPath } from '../invitations/invitation-links.js';

/** Of these invitations, those still waiting to be accepted. */
async function stillOpen(db: Kysely<DB>, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('invitations').select('id').where('id', 'in', ids).where('status', '=', 'sent').execute();
  return new Set(rows.map((r) => r.id));
}

export async function unreadCount(db: Kysely<DB>, actor: UserActor): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(visibleNotifications(actor))
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

function parseDetails(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** My notifications, newest first; `unread` also counts those beyond this page. */
export async function listNotifications(ctx: AppContext, actor: Actor, query: { unread?: boolean; cursor?: string; limit?: number }) {
  const me = requireUser(actor);
  const limit = query.limit ?? 50;
  let q = ctx.db
    .selectFrom('notifications')
    .leftJoin('workspaces', 'workspaces.id', 'notifications.workspace_id')
    .select([
      'notifications.id',
      'notifications.kind',
      'notifications.title',
      'notifications.workspace_id',
      'workspaces.name as workspace_name',
      'notifications.target_type',
      'notifications.target_id',
      'notifications.actor_id',
      'notifications.details',
      'notifications.created_at',
      'notifications.read_at',
    ])
    .where(visibleNotifications(me));
  if (query.unread) q = q.where('notifications.read_at', 'is', null);
  if (query.cursor) {
    const after = decodeCursor(query.cursor, ['at', 'id'] as const);
    q = q.where((eb) =>
      eb.or([
        eb('notifications.created_at', '<', after.at),
        eb.and([eb('notifications.created_at', '=', after.at), eb('notifications.id', '<', after.id)]),
      ]),
    );
  }
  const rows = await q
    .orderBy('notifications.created_at', 'desc')
    .orderBy('notifications.id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const openInvitations = await stillOpen(
    ctx.db,
    page.filter((r) => r.kind === 'invited' && r.target_type === 'invitation').map((r) => r.target_id as string),
  );
  const person = await peopleFor(
    ctx.db,
    me,
    page.map((r) => r.actor_id),
  );
  const last = page[page.length - 1];
  return {
    items: page.map((r) => {
      const ref = { workspaceId: r.workspace_id, targetType: r.target_type, targetId: r.target_id };
      return {
        id: r.id,
        kind: r.kind,
        title: r.title,
        workspace: r.workspace_id && r.workspace_name !== null ? { id: r.workspace_id, name: r.workspace_name } : null,
        target: r.target_type && r.target_id ? { type: r.target_type, id: r.target_id } : null,
        actor: r.actor_id ? person(r.actor_id) : null,
        createdAt: r.created_at,
        readAt: r.read_at,
        // An invitation still open leads to its acceptance page, as its e-mail does; one answered
        // or withdrawn since leads nowhere new.
        path:
          r.kind !== 'invited'
            ? notificationPath(ref)
            : r.target_id && openInvitations.has(r.target_id)
              ? invitationPath(ctx, r.target_id)
              : '/notifications',
        details: parseDetails(r.details),
      };
    }),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.created_at, id: last.id }) : null,
    unread: await unreadCount(ctx.db, me),
  };
}

/** Marks one of my notifications read or unread; someone else's answers like one that does not exist. */
export async function markNotification(ctx: AppContext, actor: Actor, id: string, read: boolean): Promise<void> {
  const me = requireUser(actor);
  const result = await ctx.db
    .updateTable('notifications')
    .set((eb) => ({ read_at: read ? eb.fn.coalesce('read_at', eb.val(new Date().toISOString())) : null }))
    .where('id', '=', id)
    .where(visibleNotifications(me))
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw notFound();
  await ctx.bus.publish({ type: 'notifications', userIds: [me.id] });
}

export async function markAllRead(ctx: AppContext, actor: Actor): Promise<{ updated: number }> {
  const me = requireUser(actor);
  const result = await ctx.db
    .updateTable('notifications')
    .set({ read_at: new Date().toISOString() })
    .where(visibleNotifications(me))
    .where('read_at', 'is', null)
    .executeTakeFirst();
  const updated = Number(result.numUpdatedRows);
  if (updated > 0) await ctx.bus.publish({ type: 'notifications', userIds: [me.id] });
  return { updated };
}
