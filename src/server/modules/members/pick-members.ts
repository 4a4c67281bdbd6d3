import type { Kysely } from 'kysely';
import type { Actor } from '../../authz/actor.js';
import { visibleUsers } from '../../authz/scope.js';
import type { DB } from '../../db/schema.js';
import { invalid } from '../../http/problems.js';

export interface PickRules {
  /** Where the ids sit in the request body, e.g. `/assigneeIds`. */
  path: string;
  /** An internal item: employees only. */
  internal: boolean;
  /** Whether read-only viewers may be picked. */
  viewers: boolean;
}

/**
 * People picked for an item of a workspace (assignees, attendees): active members the caller may
 * see under the directory rule, employees only for an internal item. One answer for every refusal,
 * so it reveals nobody. Returns the ids without repeats.
 */
export async function pickMembers(db: Kysely<DB>, actor: Actor, workspaceId: string, ids: string[], rules: PickRules): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const now = new Date().toISOString();
  let query = db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.kind'])
    .where('memberships.workspace_id', '=', workspaceId)
    .where('memberships.user_id', 'in', unique)
    .where('memberships.status', '=', 'active')
    .where((eb) => eb.or([eb('memberships.expires_at', 'is', null), eb('memberships.expires_at', '>', now)]))
    .where(visibleUsers(actor));
  if (!rules.viewers) query = query.where('memberships.role', '!=', 'viewer');
  const rows = await query.execute();
  const allowed = new Set(rows.filter((r) => !rules.internal || r.kind === 'employee').map((r) => r.id));
  // The path points at the refused id where the caller put it, repeats included.
  ids.forEach((id, i) => {
    if (!allowed.has(id))
      throw invalid(
        `${rules.path}/${i}`,
        rules.internal ? 'is not an employee member of this workspace' : 'is not a member of this workspace',
      );
  });
  return unique;
}
