import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { deleteUserSessions } from './session.repo.js';

/**
 * Stores a new password hash and ends what the old password let in. A change by the person keeps
 * the session they made it from and their API tokens; a reset (lost password, the command line)
 * is account recovery and ends every session and token.
 */
export async function replacePassword(
  trx: Kysely<DB>,
  userId: string,
  passwordHash: string,
  kind: { type: 'change'; keepSessionIdHash?: string | undefined } | { type: 'reset' },
): Promise<void> {
  await trx
    .updateTable('users')
    .set({ password_hash: passwordHash, updated_at: new Date().toISOString() })
    .where('id', '=', userId)
    .execute();
  await deleteUserSessions(trx, userId, kind.type === 'change' ? kind.keepSessionIdHash : undefined);
  if (kind.type === 'reset') await trx.deleteFrom('api_tokens').where('user_id', '=', userId).execute();
}
