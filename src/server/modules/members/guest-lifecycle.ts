import type { Kysely } from 'kysely';
import { record } from '../../audit/record.js';
import type { DB } from '../../db/schema.js';
import { deleteUserSessions } from '../auth/session.repo.js';
import { readSettings } from '../settings/settings.repo.js';

/**
 * A guest whose last membership ended has no hallway left: when the policy says so, the account is
 * suspended (and its sessions end) so that it cannot be used again without a new invitation.
 */
export async function suspendIfWithoutWorkspace(db: Kysely<DB>, userId: string, actorId: string | null, now: string): Promise<boolean> {
  if (!(await readSettings(db)).suspendGuestsWithoutWorkspace) return false;
  const remaining = await db
    .selectFrom('memberships')
    .select('workspace_id')
    .where('user_id', '=', userId)
    .where('status', '=', 'active')
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();
  if (remaining) return false;
  const result = await db
    .updateTable('users')
    .set({ status: 'suspended', suspended_reason: 'no_workspace', updated_at: now })
    .where('id', '=', userId)
    .where('kind', '=', 'guest')
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await deleteUserSessions(db, userId);
  await record(db, { actorId, action: 'guest.suspended_without_workspace', target: { type: 'user', id: userId } });
  return true;
}
