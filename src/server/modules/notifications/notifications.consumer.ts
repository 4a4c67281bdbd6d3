import type { Kysely } from 'kysely';
import { DEFAULT_DELIVERY, type EmailDelivery, type NotificationKind } from '../../../shared/notifications.js';
import type { UserActor } from '../../authz/actor.js';
import { actorOfUser } from '../../authz/actor-loader.js';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/schema.js';
import type { BusMessage } from '../../events/bus.js';
import type { DomainEvent } from '../../events/domain-event.js';
import { entersWorkspace, itemSeenBy } from '../../events/event-visibility.js';
import type { EventConsumer } from '../../events/pump.js';
import { enqueue } from '../../jobs/queue.js';
import { newId } from '../../lib/ids.js';
import { type Draft, draftsFor } from './notification-drafts.js';

export const NOTIFICATION_EMAIL_JOB = 'notification.email';

/** What the recipient may be told about the event, or null when a read would show them nothing. */
async function seenAs(db: Kysely<DB>, actor: UserActor, event: DomainEvent, draft: Draft) {
  if (draft.check === 'item') {
    const item = await itemSeenBy(db, actor, event);
    return item && { title: item.title, targetType: item.type, targetId: item.id };
  }
  if (!event.workspaceId) return null;
  if (draft.check === 'workspace' && !entersWorkspace(actor, event.workspaceId)) return null;
  const workspace = await db.selectFrom('workspaces').select('name').where('id', '=', event.workspaceId).executeTakeFirst();
  if (!workspace) return null;
  // An invitation leads to itself (its acceptance page), everything else to the workspace.
  if (draft.check === 'invitee' && event.targetId) return { title: workspace.name, targetType: 'invitation', targetId: event.targetId };
  return { title: workspace.name, targetType: 'workspace', targetId: event.workspaceId };
}

async function deliveryOf(db: Kysely<DB>, userId: string, kind: NotificationKind): Promise<EmailDelivery> {
  const row = await db
    .selectFrom('notification_preferences')
    .select('delivery')
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return row?.delivery ?? DEFAULT_DELIVERY[kind];
}

const EMAIL_STATE = { immediate: 'immediate', digest: 'digest', never: 'none' } as const;

/**
 * Turns events into notifications: for each person an event concerns (never the one who did it,
 * except the welcome of someone who joined), checked through the same scoped reads as the lists,
 * then queued for e-mail as that person prefers.
 */
export const notificationsConsumer: EventConsumer = {
  name: 'notifications',
  async handle(_ctx: AppContext, trx: Kysely<DB>, events: DomainEvent[]): Promise<BusMessage[]> {
    const told = new Set<string>();
    for (const event of events) {
      const drafts = await draftsFor(trx, event);
      for (const draft of drafts) {
        if (draft.userId === event.actorId && draft.kind !== 'added_to_workspace') continue;
        const actor = await actorOfUser(trx, draft.userId);
        if (!actor) continue;
        const seen = await seenAs(trx, actor, event, draft);
        if (!seen) continue;
        const delivery = await deliveryOf(trx, actor.id, draft.kind);
        const id = newId();
        const inserted = await trx
          .insertInto('notifications')
          .values({
            id,
            user_id: actor.id,
            event_seq: event.seq,
            kind: draft.kind,
            workspace_id: event.workspaceId,
            target_type: seen.targetType,
            target_id: seen.targetId,
            actor_id: event.actorId,
            title: seen.title,
            details: JSON.stringify(notificationDetails(event)),
            created_at: event.occurredAt,
            read_at: null,
            email: EMAIL_STATE[delivery],
          })
          .onConflict((oc) => oc.columns(['user_id', 'event_seq']).doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) continue;
        if (delivery === 'immediate')
          await enqueue(trx, { kind: NOTIFICATION_EMAIL_JOB, key: `notification-email:${id}`, payload: { id } });
        told.add(actor.id);
      }
    }
    return told.size > 0 ? [{ type: 'notifications', userIds: [...told] }] : [];
  },
};

/** The few facts a notification shows beside its title; nothing about other people's items. */
function notificationDetails(event: DomainEvent): Record<string, unknown> {
  const d = event.details;
  const keep: Record<string, unknown> = { action: event.action };
  for (const key of ['dueOn', 'expiresAt', 'remark', 'status', 'startsAt'] as const) if (typeof d[key] === 'string') keep[key] = d[key];
  return keep;
}
