import { createHmac } from 'node:crypto';
import { publicOrigin } from '../../config/config.js';
import type { AppContext } from '../../context.js';
import { hashSecret } from '../../lib/secrets.js';

/**
 * An invitation's token is derived from its random id with the link key (256 bits), so the same
 * link can be resent or copied later while the database holds only its hash. Revoking or accepting
 * the invitation is what kills the link.
 */
export function invitationToken(ctx: Pick<AppContext, 'linkKey'>, invitationId: string): string {
  return createHmac('sha256', ctx.linkKey).update(`foyer-invitation:${invitationId}`).digest('base64url');
}

export const invitationTokenHash = (token: string) => hashSecret(token);

/** The acceptance page below the public URL; the token travels in the fragment, which never reaches a server log. */
export function invitationPath(ctx: Pick<AppContext, 'linkKey'>, invitationId: string): string {
  return `/invitation#token=${invitationToken(ctx, invitationId)}`;
}

/** Built on the public URL only. */
export function acceptUrl(ctx: Pick<AppContext, 'linkKey' | 'config'>, invitationId: string): string {
  return `${publicOrigin(ctx.config)}${invitationPath(ctx, invitationId)}`;
}
