import type { Kysely } from 'kysely';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/schema.js';
import type { BusMessage } from '../../events/bus.js';
import type { DomainEvent } from '../../events/domain-event.js';
import type { EventConsumer } from '../../events/pump.js';
import { newId } from '../../lib/ids.js';
import { eventPayload, isWebhookEventType } from './webhook-events.js';
import { activeWebhooks, addDelivery, eventsOf } from './webhooks.repo.js';

/**
 * Turns events into deliveries: one per active webhook that chose the event's type, each with its
 * queued job, written in the transaction that moves this consumer's cursor (so exactly once).
 * Webhooks are the organization's, set up by administrators: internal items are included.
 */
export const webhooksConsumer: EventConsumer = {
  name: 'webhooks',
  async handle(_ctx: AppContext, trx: Kysely<DB>, events: DomainEvent[]): Promise<BusMessage[]> {
    if (!events.some((e) => isWebhookEventType(e.action))) return [];
    const hooks = (await activeWebhooks(trx)).map((row) => ({ row, events: new Set(eventsOf(row)) }));
    if (hooks.length === 0) return [];
    for (const event of events) {
      if (!isWebhookEventType(event.action)) continue;
      for (const hook of hooks) {
        // An event logged before the webhook existed is not announced to it.
        if (!hook.events.has(event.action) || event.occurredAt < hook.row.created_at) continue;
        const id = newId();
        await addDelivery(trx, {
          id,
          webhookId: hook.row.id,
          eventSeq: event.seq,
          eventType: event.action,
          payload: eventPayload(id, event),
          createdAt: new Date().toISOString(),
        });
      }
    }
    return [];
  },
};
