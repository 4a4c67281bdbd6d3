import { createHmac } from 'node:crypto';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../../shared/notifications.js';
import { publicOrigin } from '../../config/config.js';
import type { AppContext } from '../../context.js';
import { sameSecret } from '../../lib/secrets.js';

/** What one link stops: e-mails of one kind, or the daily digest (every kind it gathers). */
export type UnsubscribeScope = NotificationKind | 'digest';

const SCOPES: readonly string[] = [...NOTIFICATION_KINDS, 'digest'];
const TOKEN = /^([A-Za-z0-9_-]{1,200})\.([A-Za-z0-9_-]{43})$/;

function mac(ctx: Pick<AppContext, 'linkKey'>, userId: string, scope: UnsubscribeScope): string {
  return createHmac('sha256', ctx.linkKey).update(`foyer-unsubscribe:${userId}:${scope}`).digest('base64url');
}

/**
 * `<base64url(userId:scope)>.<HMAC-SHA256>`: derived, so nothing is stored and every e-mail of a
 * kind carries the same link. It never expires (an old e-mail must still stop the next one) and
 * can do nothing but switch that kind's e-mails off; a new link key (FOYER_SECRET_KEY) voids them all.
 */
export function unsubscribeToken(ctx: Pick<AppContext, 'linkKey'>, userId: string, scope: UnsubscribeScope): string {
  return `${Buffer.from(`${userId}:${scope}`).toString('base64url')}.${mac(ctx, userId, scope)}`;
}

/** Who and what a token stands for, or null for anything that is not one of ours (constant-time check). */
export function verifyUnsubscribeToken(
  ctx: Pick<AppContext, 'linkKey'>,
  token: string,
): { userId: string; scope: UnsubscribeScope } | null {
  const match = TOKEN.exec(token);
  if (!match?.[1] || !match[2]) return null;
  const [userId, scope, ...rest] = Buffer.from(match[1], 'base64url').toString('utf8').split(':');
  if (!userId || !scope || rest.length > 0 || !SCOPES.includes(scope)) return null;
  return sameSecret(match[2], mac(ctx, userId, scope as UnsubscribeScope)) ? { userId, scope: scope as UnsubscribeScope } : null;
}

/**
 * The one-click address for the List-Unsubscribe header (RFC 8058): mail clients POST to it without
 * a browser, so the token has to travel in the query (the request log never writes queries).
 */
export function oneClickUrl(ctx: Pick<AppContext, 'linkKey' | 'config'>, userId: string, scope: UnsubscribeScope): string {
  return `${publicOrigin(ctx.config)}/api/v1/unsubscribe?token=${unsubscribeToken(ctx, userId, scope)}`;
}

/** The page that shows what will change and asks for the click; the token rides in the fragment (decision 006). */
export function unsubscribePageUrl(ctx: Pick<AppContext, 'linkKey' | 'config'>, userId: string, scope: UnsubscribeScope): string {
  return `${publicOrigin(ctx.config)}/unsubscribe#token=${unsubscribeToken(ctx, userId, scope)}`;
}

/** Where people change every kind at once. */
export const settingsUrl = (ctx: Pick<AppContext, 'config'>) => `${publicOrigin(ctx.config)}/profile#notifications`;

/** The List-Unsubscribe pair every notification e-mail carries. */
export function unsubscribeHeaders(ctx: Pick<AppContext, 'linkKey' | 'config'>, userId: string, scope: UnsubscribeScope) {
  return {
    'List-Unsubscribe': `<${oneClickUrl(ctx, userId, scope)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}
