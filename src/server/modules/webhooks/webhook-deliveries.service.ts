import { record } from '../../audit/record.js';
import type { Actor } from '../../authz/index.js';
import type { AppContext, RequestMeta } from '../../context.js';
import { conflict, notFound } from '../../http/problems.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { newId } from '../../lib/ids.js';
import { TEST_EVENT_TYPE, testPayload } from './webhook-events.js';
import { presentDelivery } from './webhooks.presenter.js';
import { addDelivery, enqueueDelivery, findDelivery, listDeliveryRows, recentAttempts } from './webhooks.repo.js';
import { authorizeWebhooks, loadWebhook } from './webhooks.service.js';

const ATTEMPTS_SHOWN = 5;

export async function listDeliveries(ctx: AppContext, actor: Actor, webhookId: string, query: { limit?: number; cursor?: string }) {
  authorizeWebhooks(actor);
  await loadWebhook(ctx, webhookId);
  const limit = query.limit ?? 50;
  const before = query.cursor ? decodeCursor(query.cursor, ['createdAt', 'id']) : undefined;
  const rows = await listDeliveryRows(ctx.db, webhookId, { limit: limit + 1, ...(before ? { before } : {}) });
  const page = rows.slice(0, limit);
  const attempts = await recentAttempts(
    ctx.db,
    page.map((r) => r.id),
    ATTEMPTS_SHOWN,
  );
  const last = page.at(-1);
  return {
    items: page.map((row) => presentDelivery(row, attempts.get(row.id) ?? [])),
    nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
  };
}

/** Queues a `webhook.test` delivery now, even to a disabled webhook: the way to check a receiver. */
export async function sendTestEvent(ctx: AppContext, actor: Actor, webhookId: string, meta: RequestMeta) {
  const caller = authorizeWebhooks(actor);
  const id = newId();
  const now = new Date().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const hook = await trx.selectFrom('webhooks').select('id').where('id', '=', webhookId).executeTakeFirst();
    if (!hook) throw notFound();
    await addDelivery(trx, {
      id,
      webhookId,
      eventSeq: null,
      eventType: TEST_EVENT_TYPE,
      payload: testPayload(id, webhookId, caller.id, now),
      createdAt: now,
    });
    await record(trx, {
      actorId: caller.id,
      action: 'webhook.tested',
      target: { type: 'webhook', id: webhookId },
      ip: meta.ip,
      details: { deliveryId: id },
    });
  });
  ctx.wake.jobs();
  return { deliveryId: id };
}

/**
 * Sends a delivered or failed delivery again: the same body and id (receivers deduplicate on it),
 * a new signature and timestamp, and a fresh round of retries.
 */
export async function redeliver(ctx: AppContext, actor: Actor, deliveryId: string, meta: RequestMeta) {
  const caller = authorizeWebhooks(actor);
  const delivery = await findDelivery(ctx.db, deliveryId);
  if (!delivery) throw notFound();
  await ctx.db.transaction().execute(async (trx) => {
    const reset = await trx
      .updateTable('webhook_deliveries')
      .set({ state: 'pending' })
      .where('id', '=', deliveryId)
      .where('state', '!=', 'pending')
      .executeTakeFirst();
    if (Number(reset.numUpdatedRows) !== 1) {
      if (!(await findDelivery(trx, deliveryId))) throw notFound();
      throw conflict('This delivery is still waiting to be sent.');
    }
    await enqueueDelivery(trx, deliveryId, `webhook-delivery:${deliveryId}:${newId()}`);
    await record(trx, {
      actorId: caller.id,
      action: 'webhook.redelivered',
      target: { type: 'webhook', id: delivery.webhook_id },
      ip: meta.ip,
      details: { deliveryId, eventType: delivery.event_type },
    });
  });
  ctx.wake.jobs();
  return { deliveryId };
}
