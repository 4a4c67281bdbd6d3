import { record } from '../../audit/record.js';
import { type Actor, authorize, requireUser } from '../../authz/index.js';
import type { AppContext, RequestMeta } from '../../context.js';
import { assertIfMatch, preconditionFailed } from '../../http/preconditions.js';
import { HttpProblem, notFound } from '../../http/problems.js';
import { newId } from '../../lib/ids.js';
import { isWebhookEventType, WEBHOOK_EVENT_TYPES } from './webhook-events.js';
import { newWebhookSecret, sealSecret } from './webhook-secrets.js';
import { assertTarget, destinationOf } from './webhook-target.js';
import { eventTypes, presentWebhook, webhookEtag } from './webhooks.presenter.js';
import { eventsOf, findWebhook, listWebhookRows, type WebhookRow } from './webhooks.repo.js';

export interface WebhookInput {
  name: string;
  url: string;
  events: string[];
  active?: boolean;
}

/** Administrators only; everyone else signed in gets 403, as for the other administration routes. */
export function authorizeWebhooks(actor: Actor) {
  const caller = requireUser(actor);
  authorize(actor, 'organization', 'manage_webhooks', null);
  return caller;
}

/** Known event types, each once, in the published order (so a reordered list is no change); every unknown one is named. */
function checkEvents(events: readonly string[]): string[] {
  const unknown = events.flatMap((type, i) =>
    isWebhookEventType(type) ? [] : [{ path: `/events/${i}`, message: `${type} is not an event type a webhook can receive` }],
  );
  if (unknown.length > 0) throw new HttpProblem(400, 'Bad Request', 'The request contains invalid data.', unknown);
  const chosen = new Set(events);
  return WEBHOOK_EVENT_TYPES.map(([type]) => type).filter((type) => chosen.has(type));
}

export async function loadWebhook(ctx: AppContext, id: string): Promise<WebhookRow> {
  const row = await findWebhook(ctx.db, id);
  if (!row) throw notFound();
  return row;
}

const withEtag = (row: WebhookRow) => ({ webhook: presentWebhook(row), etag: webhookEtag(row) });

export function listEventTypes(actor: Actor) {
  authorizeWebhooks(actor);
  return { items: eventTypes(), nextCursor: null };
}

export async function listWebhooks(ctx: AppContext, actor: Actor) {
  authorizeWebhooks(actor);
  const rows = await listWebhookRows(ctx.db);
  return { items: rows.map(presentWebhook), nextCursor: null };
}

export async function getWebhook(ctx: AppContext, actor: Actor, id: string) {
  authorizeWebhooks(actor);
  return withEtag(await loadWebhook(ctx, id));
}

export async function createWebhook(ctx: AppContext, actor: Actor, input: WebhookInput, meta: RequestMeta) {
  const caller = authorizeWebhooks(actor);
  const name = input.name.trim();
  const events = checkEvents(input.events);
  const target = await assertTarget(ctx.db, input.url);
  const id = newId();
  const secret = newWebhookSecret();
  const now = new Date().toISOString();
  const url = target.url.href;
  const active = input.active ?? true;
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('webhooks')
      .values({
        id,
        name,
        url,
        secret: sealSecret(ctx, id, secret),
        events: JSON.stringify(events),
        active: active ? 1 : 0,
        version: 1,
        created_by: caller.id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await record(trx, {
      actorId: caller.id,
      action: 'webhook.created',
      target: { type: 'webhook', id },
      ip: meta.ip,
      details: { name, destination: destinationOf(url), events, active },
    });
  });
  const { webhook, etag } = withEtag(await loadWebhook(ctx, id));
  return { webhook: { ...webhook, secret }, etag };
}

export type WebhookChanges = Partial<WebhookInput>;

export async function updateWebhook(
  ctx: AppContext,
  actor: Actor,
  id: string,
  changes: WebhookChanges,
  ifMatch: string | undefined,
  meta: RequestMeta,
) {
  const caller = authorizeWebhooks(actor);
  const row = await loadWebhook(ctx, id);
  const name = changes.name?.trim();
  const events = changes.events ? checkEvents(changes.events) : undefined;
  const set: { name?: string; url?: string; events?: string; active?: number } = {};
  if (name !== undefined && name !== row.name) set.name = name;
  if (events !== undefined && JSON.stringify(events) !== JSON.stringify(eventsOf(row))) set.events = JSON.stringify(events);
  if (changes.active !== undefined && (changes.active ? 1 : 0) !== row.active) set.active = changes.active ? 1 : 0;
  if (changes.url !== undefined) {
    const url = (await assertTarget(ctx.db, changes.url)).url.href;
    if (url !== row.url) set.url = url;
  }
  // Nothing asked, or nothing different: no new version, nothing to record.
  if (Object.keys(set).length === 0) return withEtag(row);
  assertIfMatch(ifMatch, webhookEtag(row), 'webhook');
  await ctx.db.transaction().execute(async (trx) => {
    // The version in the WHERE makes the check and the write one step: a concurrent change wins once.
    const result = await trx
      .updateTable('webhooks')
      .set({ ...set, version: row.version + 1, updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw preconditionFailed('webhook');
    await record(trx, {
      actorId: caller.id,
      action: 'webhook.updated',
      target: { type: 'webhook', id },
      ip: meta.ip,
      details: {
        changed: Object.keys(set).sort(),
        ...(set.name !== undefined ? { name: set.name, previousName: row.name } : {}),
        ...(set.url !== undefined ? { destination: destinationOf(set.url), previousDestination: destinationOf(row.url) } : {}),
        ...(events !== undefined && set.events !== undefined ? { events, previousEvents: eventsOf(row) } : {}),
        ...(set.active !== undefined ? { active: set.active === 1 } : {}),
      },
    });
  });
  return withEtag(await loadWebhook(ctx, id));
}

export async function deleteWebhook(ctx: AppContext, actor: Actor, id: string, meta: RequestMeta): Promise<void> {
  const caller = authorizeWebhooks(actor);
  const row = await loadWebhook(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    // Its deliveries and their attempts go with it; their queued jobs then find nothing to send.
    const result = await trx.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
    if (Number(result.numDeletedRows) !== 1) throw notFound();
    await record(trx, {
      actorId: caller.id,
      action: 'webhook.deleted',
      target: { type: 'webhook', id },
      ip: meta.ip,
      details: { name: row.name, destination: destinationOf(row.url) },
    });
  });
}

/** A new signing secret, shown once; the old one stops working for the next attempt. */
export async function rotateSecret(ctx: AppContext, actor: Actor, id: string, meta: RequestMeta) {
  const caller = authorizeWebhooks(actor);
  const row = await loadWebhook(ctx, id);
  const secret = newWebhookSecret();
  await ctx.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('webhooks')
      .set((eb) => ({ secret: sealSecret(ctx, id, secret), version: eb('version', '+', 1), updated_at: new Date().toISOString() }))
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw notFound();
    await record(trx, {
      actorId: caller.id,
      action: 'webhook.updated',
      target: { type: 'webhook', id },
      ip: meta.ip,
      details: { changed: ['secret'], name: row.name },
    });
  });
  const { webhook, etag } = withEtag(await loadWebhook(ctx, id));
  return { webhook: { ...webhook, secret }, etag };
}
