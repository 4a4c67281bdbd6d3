import type { Kysely } from 'kysely';
import type { AppContext } from '../context.js';
import type { DB } from '../db/schema.js';
import type { BusMessage } from './bus.js';
import type { DomainEvent } from './domain-event.js';
import type { EventConsumer } from './pump.js';

/** Events about what a page may be showing; views and downloads change nothing on a page. */
const CHANGE_TARGETS = new Set(['task', 'note', 'activity', 'document', 'folder', 'comment']);
const NOT_CHANGES = new Set(['document.viewed', 'document.downloaded']);

/** Events after which what someone may enter is different. */
function accessChangedFor(event: DomainEvent): string[] {
  switch (event.action) {
    case 'member.removed':
    case 'member.expired':
    case 'member.updated':
    case 'user.suspended':
    case 'user.role_changed':
    case 'user.extranet_changed':
    case 'guest.suspended_without_workspace':
      return event.targetType === 'user' && event.targetId ? [event.targetId] : [];
    // Joined a workspace: the person's open pages (the guest's menu) read what they may enter again.
    case 'invitation.accepted':
    // A session or token ended: the person's streams start over, and the ended one is refused.
    case 'auth.sign_out':
    case 'auth.password_changed':
    case 'auth.password_reset':
    case 'api_token.revoked':
      return event.actorId ? [event.actorId] : [];
    case 'exposure.bulk_revoked': {
      const items = Array.isArray(event.details.items) ? event.details.items : [];
      return items.flatMap((i) =>
        i && typeof i === 'object' && typeof (i as { userId?: unknown }).userId === 'string' ? [(i as { userId: string }).userId] : [],
      );
    }
    default:
      return [];
  }
}

function closesExtranet(event: DomainEvent): boolean {
  const changed = event.details.changed as { extranetEnabled?: unknown } | null | undefined;
  return event.action === 'settings.changed' && changed?.extranetEnabled === false;
}

/**
 * Tells every process what changed, by reference only; each open stream decides for its reader
 * whether to pass it on (see the stream service), so the bus itself carries nothing secret.
 */
export const realtimeConsumer: EventConsumer = {
  name: 'realtime',
  async handle(_ctx: AppContext, _trx: Kysely<DB>, events: DomainEvent[]): Promise<BusMessage[]> {
    const messages: BusMessage[] = [];
    const access = new Set<string>();
    for (const event of events) {
      for (const id of accessChangedFor(event)) access.add(id);
      if (event.workspaceId && event.targetType && CHANGE_TARGETS.has(event.targetType) && !NOT_CHANGES.has(event.action))
        messages.push({
          type: 'change',
          seq: event.seq,
          workspaceId: event.workspaceId,
          action: event.action,
          targetType: event.targetType,
          targetId: event.targetId,
        });
    }
    if (access.size > 0) messages.push({ type: 'access', userIds: [...access] });
    if (events.some(closesExtranet)) messages.push({ type: 'extranet_closed' });
    return messages;
  },
};
