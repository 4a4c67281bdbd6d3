import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { WebhookAttemptsTable, WebhookDeliveriesTable, WebhooksTable } from '../../db/schema-events.js';
import { enqueue } from '../../jobs/queue.js';
import { newId } from '../../lib/ids.js';

export type WebhookRow = Selectable<WebhooksTable>;
export type DeliveryRow = Selectable<WebhookDeliveriesTable>;
export type AttemptRow = Selectable<WebhookAttemptsTable>;

export const DELIVER_JOB = 'webhook.deliver';
/** 30 s, 1, 2, 4, 8, 16, 32 min, then hourly (the queue's backoff): about three hours in all. */
export const DELIVERY_ATTEMPTS = 10;

export async function listWebhookRows(db: Kysely<DB>): Promise<WebhookRow[]> {
  return db.selectFrom('webhooks').selectAll().orderBy('created_at').orderBy('id').execute();
}

export async function findWebhook(db: Kysely<DB>, id: string): Promise<WebhookRow | undefined> {
  return db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function activeWebhooks(db: Kysely<DB>): Promise<WebhookRow[]> {
  return db.selectFrom('webhooks').selectAll().where('active', '=', 1).execute();
}

/** The chosen event types of a row; anything unreadable reads as none. */
export function eventsOf(row: Pick<WebhookRow, 'events'>): string[] {
  try {
    const value: unknown = JSON.parse(row.events);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** A delivery and its job, in the caller's transaction: the job exists exactly when the delivery does. */
export async function addDelivery(
  db: Kysely<DB>,
  delivery: { id: string; webhookId: string; eventSeq: number | null; eventType: string; payload: string; createdAt: string },
): Promise<void> {
  await db
    .insertInto('webhook_deliveries')
    .values({
      id: delivery.id,
      webhook_id: delivery.webhookId,
      event_seq: delivery.eventSeq,
      event_type: delivery.eventType,
      payload: delivery.payload,
      state: 'pending',
      attempts: 0,
      last_status_code: null,
      last_error: null,
      created_at: delivery.createdAt,
      delivered_at: null,
    })
    .execute();
  await enqueueDelivery(db, delivery.id, `webhook-delivery:${delivery.id}`);
}

export async function enqueueDelivery(db: Kysely<DB>, deliveryId: string, key: string): Promise<void> {
  await enqueue(db, { kind: DELIVER_JOB, key, payload: { deliveryId }, maxAttempts: DELIVERY_ATTEMPTS });
}

export interface DeliveryWithHook {
  delivery: DeliveryRow;
  webhook: WebhookRow;
}

export async function findDeliveryWithHook(db: Kysely<DB>, deliveryId: string): Promise<DeliveryWithHook | undefined> {
  const delivery = await db.selectFrom('webhook_deliveries').selectAll().where('id', '=', deliveryId).executeTakeFirst();
  if (!delivery) return undefined;
  const webhook = await findWebhook(db, delivery.webhook_id);
  return webhook ? { delivery, webhook } : undefined;
}

export async function findDelivery(db: Kysely<DB>, id: string): Promise<DeliveryRow | undefined> {
  return db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Newest first; ids are time-ordered, so (created_at, id) is a stable order on both engines. */
export async function listDeliveryRows(
  db: Kysely<DB>,
  webhookId: string,
  options: { limit: number; before?: { createdAt: string; id: string } },
): Promise<DeliveryRow[]> {
  let query = db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId);
  const before = options.before;
  if (before)
    query = query.where((eb) =>
      eb.or([eb('created_at', '<', before.createdAt), eb.and([eb('created_at', '=', before.createdAt), eb('id', '<', before.id)])]),
    );
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
}

/** The newest attempts of these deliveries, up to `each` per delivery, newest first. */
export async function recentAttempts(db: Kysely<DB>, deliveryIds: readonly string[], each: number): Promise<Map<string, AttemptRow[]>> {
  const byDelivery = new Map<string, AttemptRow[]>();
  if (deliveryIds.length === 0) return byDelivery;
  const rows = await db
    .selectFrom('webhook_attempts')
    .selectAll()
    .where('delivery_id', 'in', [...deliveryIds])
    .orderBy('attempted_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  for (const row of rows) {
    const list = byDelivery.get(row.delivery_id) ?? [];
    if (list.length < each) list.push(row);
    byDelivery.set(row.delivery_id, list);
  }
  return byDelivery;
}

export async function addAttempt(
  db: Kysely<DB>,
  attempt: { deliveryId: string; at: string; statusCode: number | null; error: string | null; durationMs: number },
): Promise<void> {
  await db
    .insertInto('webhook_attempts')
    .values({
      id: newId(),
      delivery_id: attempt.deliveryId,
      attempted_at: attempt.at,
      status_code: attempt.statusCode,
      error: attempt.error,
      duration_ms: attempt.durationMs,
    })
    .execute();
}

export async function listAllowedHostRows(db: Kysely<DB>) {
  return db
    .selectFrom('webhook_allowed_hosts')
    .leftJoin('users', 'users.id', 'webhook_allowed_hosts.created_by')
    .select([
      'webhook_allowed_hosts.host',
      'webhook_allowed_hosts.created_at',
      'webhook_allowed_hosts.created_by',
      'users.name as creator_name',
    ])
    .orderBy('webhook_allowed_hosts.host')
    .execute();
}

export type AllowedHostRow = Awaited<ReturnType<typeof listAllowedHostRows>>[number];

export async function isAllowedHost(db: Kysely<DB>, host: string): Promise<boolean> {
  const row = await db.selectFrom('webhook_allowed_hosts').select('host').where('host', '=', host).executeTakeFirst();
  return row !== undefined;
}
