import type { Kysely } from 'kysely';
import { type EmailDelivery, NOTIFICATION_KINDS, NOTIFICATION_LABELS, type NotificationKind } from '../../../shared/notifications.js';
import type { AppContext, RequestMeta } from '../../context.js';
import type { DB } from '../../db/schema.js';
import { notFound } from '../../http/problems.js';
import { beginAttempt } from '../auth/throttle.repo.js';
import { applyDeliveries, deliveriesOf } from './preferences.service.js';
import { type UnsubscribeScope, verifyUnsubscribeToken } from './unsubscribe-links.js';

/**
 * The token is 256 bits of HMAC, so guessing is hopeless; wrong tokens are still throttled per
 * address like every other secret in a link (decision 002). Good ones never count: a mail provider
 * posting many people's unsubscribes from one address is never refused.
 */
export const UNSUBSCRIBE_FAILURES_PER_ADDRESS = 20;
const buckets = (ip: string) => [{ key: `unsubscribe-ip:${ip}`, max: UNSUBSCRIBE_FAILURES_PER_ADDRESS }];

export const DIGEST_LABEL = 'Daily digest';

export interface UnsubscribePreview {
  kind: UnsubscribeScope;
  label: string;
  /** Enough for the person to recognise their address, not enough to learn someone else's. */
  email: string;
  delivery: EmailDelivery;
}

/** `jane.doe@example.com` → `j***@example.com`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

/** The kinds a link switches off: its own, or for the digest every kind that now goes to the digest. */
const kindsOf = (scope: UnsubscribeScope, current: Map<NotificationKind, EmailDelivery>): NotificationKind[] =>
  scope === 'digest' ? NOTIFICATION_KINDS.filter((k) => current.get(k) === 'digest') : [scope];

function deliveryOf(scope: UnsubscribeScope, current: Map<NotificationKind, EmailDelivery>): EmailDelivery {
  if (scope !== 'digest') return current.get(scope) ?? 'never';
  return kindsOf(scope, current).length > 0 ? 'digest' : 'never';
}

/** The person behind a token; a wrong token and a deleted account answer the same 404. */
async function holder(ctx: AppContext, token: string, meta: RequestMeta) {
  const attempt = await beginAttempt(ctx.db, buckets(meta.ip));
  const verified = verifyUnsubscribeToken(ctx, token);
  if (!verified) throw notFound();
  const user = await ctx.db.selectFrom('users').select(['id', 'email']).where('id', '=', verified.userId).executeTakeFirst();
  if (!user) throw notFound();
  await attempt.succeeded(ctx.db);
  return { user, scope: verified.scope };
}

const label = (scope: UnsubscribeScope) => (scope === 'digest' ? DIGEST_LABEL : NOTIFICATION_LABELS[scope]);

/** What the link would change; changes nothing, since mail scanners open links before people do. */
export async function previewUnsubscribe(ctx: AppContext, token: string, meta: RequestMeta): Promise<UnsubscribePreview> {
  const { user, scope } = await holder(ctx, token, meta);
  const current = await deliveriesOf(ctx.db, user.id);
  return { kind: scope, label: label(scope), email: maskEmail(user.email), delivery: deliveryOf(scope, current) };
}

/** Switches the link's kind (or every digest kind) to "never"; saying it twice changes nothing more. */
export async function confirmUnsubscribe(
  ctx: AppContext,
  token: string,
  meta: RequestMeta,
): Promise<{ kind: UnsubscribeScope; delivery: 'never' }> {
  const { user, scope } = await holder(ctx, token, meta);
  await ctx.db.transaction().execute(async (trx: Kysely<DB>) => {
    const current = await deliveriesOf(trx, user.id);
    const changes = kindsOf(scope, current).map((kind) => ({ kind, delivery: 'never' as const }));
    // The link proves only that its holder got the person's e-mail: it acts for them and can do no more.
    await applyDeliveries(trx, user.id, changes, { actorId: user.id, ip: meta.ip, via: 'unsubscribe_link' });
  });
  return { kind: scope, delivery: 'never' };
}
