import { createHmac, randomBytes } from 'node:crypto';
import { publicOrigin } from '../../config/config.js';
import type { AppContext } from '../../context.js';
import { sameSecret } from '../../lib/secrets.js';

/** 128 random bits, base64url: what the database keeps (it is not enough to open the feed). */
export const newFeedId = (): string => randomBytes(16).toString('base64url');

const FEED_ID = /^[A-Za-z0-9_-]{22}$/;
const TOKEN = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

/** HMAC-SHA256 of the feed id with the link key (decision 010): a database copy alone opens no feed. */
function feedSecret(ctx: Pick<AppContext, 'linkKey'>, feedId: string): string {
  return createHmac('sha256', ctx.linkKey).update(`foyer-calendar:${feedId}`).digest('base64url');
}

export function feedToken(ctx: Pick<AppContext, 'linkKey'>, feedId: string): string {
  if (!FEED_ID.test(feedId)) throw new Error('not a feed id');
  return `${feedId}.${feedSecret(ctx, feedId)}`;
}

/** Built on the public URL only (http:// or https:// as configured), never on the request's Host. */
export function feedUrl(ctx: Pick<AppContext, 'linkKey' | 'config'>, feedId: string): string {
  return `${publicOrigin(ctx.config)}/api/v1/calendar/${feedToken(ctx, feedId)}.ics`;
}

/** The feed id a URL token proves (an optional `.ics` is ignored), or null for anything else. */
export function verifiedFeedId(ctx: Pick<AppContext, 'linkKey'>, token: string): string | null {
  const match = TOKEN.exec(token.endsWith('.ics') ? token.slice(0, -'.ics'.length) : token);
  if (!match?.[1] || !match[2]) return null;
  return sameSecret(match[2], feedSecret(ctx, match[1])) ? match[1] : null;
}
