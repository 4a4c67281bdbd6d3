import type { AppContext } from '../../context.js';
import type { JobHandler } from '../../jobs/queue.js';
import { TargetRefused } from './webhook-address.js';
import { TEST_EVENT_TYPE } from './webhook-events.js';
import { openSecret, signature } from './webhook-secrets.js';
import { errorText, type SendResult, sendWebhook } from './webhook-sender.js';
import { checkTarget } from './webhook-target.js';
import { addAttempt, type DeliveryWithHook, findDeliveryWithHook } from './webhooks.repo.js';

export const USER_AGENT = 'Foyer-Webhooks';

/**
 * Delivered or not: the attempt, and the delivery's state as the log shows it. False when the
 * delivery went with its webhook while the attempt ran.
 */
async function recordAttempt(ctx: AppContext, deliveryId: string, at: string, result: SendResult, last: boolean): Promise<boolean> {
  const ok = result.error === null;
  return ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('webhook_deliveries')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        last_status_code: result.statusCode,
        last_error: result.error,
        state: ok ? 'delivered' : last ? 'failed' : 'pending',
        delivered_at: ok ? new Date().toISOString() : null,
      }))
      .where('id', '=', deliveryId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return false;
    await addAttempt(trx, { deliveryId, at, statusCode: result.statusCode, error: result.error, durationMs: result.durationMs });
    return true;
  });
}

/** One attempt: check the target again, sign with the current time, POST, record what came back. */
async function attempt(ctx: AppContext, { delivery, webhook }: DeliveryWithHook): Promise<SendResult> {
  const started = performance.now();
  const refused = (message: string): SendResult => ({
    statusCode: null,
    error: errorText(message),
    durationMs: Math.round(performance.now() - started),
  });
  let checked: Awaited<ReturnType<typeof checkTarget>>;
  try {
    checked = await checkTarget(ctx.db, webhook.url);
  } catch (error) {
    if (error instanceof TargetRefused) return refused(`not sent: the URL ${error.message}`);
    throw error;
  }
  const [address] = checked.addresses;
  if (!address) return refused('not sent: the host has no address');
  let secret: string;
  try {
    secret = openSecret(ctx, webhook.id, webhook.secret);
  } catch {
    // The key outside the database changed (FOYER_SECRET_KEY or the link-key file): only a new secret helps.
    return refused('not sent: the signing secret cannot be read with this installation’s secret key; rotate the secret');
  }
  const timestamp = Math.floor(Date.now() / 1000);
  return sendWebhook(
    checked.target,
    address,
    {
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      'foyer-webhook-id': delivery.id,
      'foyer-webhook-timestamp': String(timestamp),
      'foyer-webhook-signature': signature(secret, timestamp, delivery.payload),
    },
    delivery.payload,
  );
}

/**
 * Runs one delivery attempt. A 2xx marks it delivered; anything else is recorded and thrown, so the
 * queue retries it with backoff until its last attempt marks it failed. A delivery whose webhook
 * was deleted is gone with it; one whose webhook was disabled meanwhile is not sent.
 */
export const deliverWebhook: JobHandler = async (ctx, payload, job) => {
  const deliveryId = (payload as { deliveryId?: unknown }).deliveryId;
  if (typeof deliveryId !== 'string') return;
  const found = await findDeliveryWithHook(ctx.db, deliveryId);
  if (found?.delivery.state !== 'pending') return;
  const last = job.attempt >= job.maxAttempts;
  const at = new Date().toISOString();
  if (found.webhook.active !== 1 && found.delivery.event_type !== TEST_EVENT_TYPE) {
    await recordAttempt(ctx, deliveryId, at, { statusCode: null, error: 'not sent: the webhook is disabled', durationMs: 0 }, true);
    return;
  }
  const result = await attempt(ctx, found);
  const stillThere = await recordAttempt(ctx, deliveryId, at, result, last);
  if (stillThere && result.error !== null) throw new Error(`webhook delivery ${deliveryId}: ${result.error}`);
};
