import type { Kysely } from 'kysely';
import type { UserActor } from '../../authz/actor.js';
import type { DB } from '../../db/schema.js';
import { MINUTE } from '../../lib/time.js';
import type { SessionTimeouts } from '../auth/session.repo.js';

/**
 * Whether what opened a stream still proves who its reader is: the session not ended (sign-out,
 * password change, suspension delete it), not past its idle or absolute end, or the API token not
 * revoked, and the person still active. A stream never touches the session: an open page does not
 * keep an idle session alive, just as it would not by sitting there.
 */
export async function credentialStillValid(
  db: Kysely<DB>,
  actor: UserActor,
  timeouts: SessionTimeouts,
  now = Date.now(),
): Promise<boolean> {
  if (actor.via.type === 'token') {
    const row = await db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select('users.status')
      .where('api_tokens.id', '=', actor.via.tokenId)
      .where('api_tokens.user_id', '=', actor.id)
      .executeTakeFirst();
    return row?.status === 'active';
  }
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.last_seen_at', 'sessions.expires_at', 'users.status'])
    .where('sessions.id_hash', '=', actor.via.idHash)
    .where('sessions.user_id', '=', actor.id)
    .executeTakeFirst();
  if (row?.status !== 'active') return false;
  return Date.parse(row.expires_at) > now && Date.parse(row.last_seen_at) + timeouts.idleMinutes * MINUTE > now;
}
