import type { Kysely } from 'kysely';
import {
  DEFAULT_DELIVERY,
  type EmailDelivery,
  NOTIFICATION_KINDS,
  NOTIFICATION_LABELS,
  type NotificationKind,
} from '../../../shared/notifications.js';
import { record } from '../../audit/record.js';
import { type Actor, requireUser } from '../../authz/index.js';
import type { AppContext, RequestMeta } from '../../context.js';
import type { DB } from '../../db/schema.js';
import { invalid } from '../../http/problems.js';

export interface Preference {
  kind: NotificationKind;
  label: string;
  delivery: EmailDelivery;
  /** What this kind gets when the person never chose. */
  default: EmailDelivery;
}

export interface PreferenceChange {
  kind: NotificationKind;
  delivery: EmailDelivery;
}

/** Each kind's delivery for one person: their choice where they made one, the default otherwise. */
export async function deliveriesOf(db: Kysely<DB>, userId: string): Promise<Map<NotificationKind, EmailDelivery>> {
  const rows = await db.selectFrom('notification_preferences').select(['kind', 'delivery']).where('user_id', '=', userId).execute();
  const chosen = new Map(rows.map((r) => [r.kind, r.delivery]));
  return new Map(NOTIFICATION_KINDS.map((kind) => [kind, chosen.get(kind) ?? DEFAULT_DELIVERY[kind]]));
}

export async function preferencesOf(db: Kysely<DB>, userId: string): Promise<{ preferences: Preference[] }> {
  const current = await deliveriesOf(db, userId);
  return {
    preferences: NOTIFICATION_KINDS.map((kind) => ({
      kind,
      label: NOTIFICATION_LABELS[kind],
      delivery: current.get(kind) ?? DEFAULT_DELIVERY[kind],
      default: DEFAULT_DELIVERY[kind],
    })),
  };
}

/**
 * Stores the changes in the caller's transaction and records them; the changes that took effect.
 * Only choices that differ from the default are kept as rows, so a default changed by a later
 * release reaches everyone who never chose otherwise. A kind switched to "never" also stops its
 * e-mails already waiting (queued or for the digest): they were not wanted any more either.
 */
export async function applyDeliveries(
  trx: Kysely<DB>,
  userId: string,
  changes: PreferenceChange[],
  audit: { actorId: string; ip: string | null; via: 'settings' | 'unsubscribe_link' },
): Promise<PreferenceChange[]> {
  const current = await deliveriesOf(trx, userId);
  const applied = changes.filter((c) => current.get(c.kind) !== c.delivery);
  if (applied.length === 0) return [];
  for (const change of applied) {
    if (change.delivery === DEFAULT_DELIVERY[change.kind]) {
      await trx.deleteFrom('notification_preferences').where('user_id', '=', userId).where('kind', '=', change.kind).execute();
    } else {
      await trx
        .insertInto('notification_preferences')
        .values({ user_id: userId, kind: change.kind, delivery: change.delivery })
        .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet({ delivery: change.delivery }))
        .execute();
    }
  }
  const stopped = applied.filter((c) => c.delivery === 'never').map((c) => c.kind);
  if (stopped.length > 0)
    await trx
      .updateTable('notifications')
      .set({ email: 'none' })
      .where('user_id', '=', userId)
      .where('kind', 'in', stopped)
      .where('email', 'in', ['immediate', 'digest'])
      .execute();
  // Every row this use case touches is written above: the audit chain's lock comes last.
  await record(trx, {
    actorId: audit.actorId,
    action: 'notification_preferences.changed',
    target: { type: 'user', id: userId },
    ip: audit.ip,
    details: { via: audit.via, changes: applied.map((c) => ({ kind: c.kind, delivery: c.delivery, previous: current.get(c.kind) })) },
  });
  return applied;
}

export async function getMyPreferences(ctx: AppContext, actor: Actor) {
  return preferencesOf(ctx.db, requireUser(actor).id);
}

/** All or nothing: every entry is checked before anything is written, in one transaction. */
export async function changeMyPreferences(ctx: AppContext, actor: Actor, input: { preferences: PreferenceChange[] }, meta: RequestMeta) {
  const caller = requireUser(actor);
  const seen = new Set<string>();
  for (const [i, p] of input.preferences.entries()) {
    if (seen.has(p.kind)) throw invalid(`/preferences/${i}/kind`, 'appears twice; give each kind once');
    seen.add(p.kind);
  }
  await ctx.db
    .transaction()
    .execute((trx) => applyDeliveries(trx, caller.id, input.preferences, { actorId: caller.id, ip: meta.ip, via: 'settings' }));
  return preferencesOf(ctx.db, caller.id);
}
