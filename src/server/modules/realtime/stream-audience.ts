import type { Kysely } from 'kysely';
import type { UserKind, UserRole } from '../../../shared/accounts.js';
import type { MemberRole } from '../../../shared/workspaces.js';
import type { ActorMembership, ExtranetRules, UserActor } from '../../authz/actor.js';
import type { DB } from '../../db/schema.js';

export interface AudienceEntry {
  kind: UserKind;
  role: UserRole;
  memberRole: MemberRole | null;
  expiresAt: string | null;
}

/**
 * Everyone who may enter a workspace as the database stands now, after the change being told has
 * committed: its active members and the people who govern the extranet, all of them active. One
 * query per change, whatever the number of open streams.
 *
 * Why not the actor each stream kept: a guest removed in the same batch of events as a new task
 * hears "access" only after that task's "change"; the kept actor would still let the task through.
 */
export async function audienceOf(db: Kysely<DB>, workspaceId: string): Promise<Map<string, AudienceEntry>> {
  const rows = await db
    .selectFrom('users')
    .leftJoin('memberships as m', (join) =>
      join.onRef('m.user_id', '=', 'users.id').on('m.workspace_id', '=', workspaceId).on('m.status', '=', 'active'),
    )
    .select(['users.id', 'users.kind', 'users.role', 'm.role as member_role', 'm.expires_at'])
    .where('users.status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb('m.user_id', 'is not', null),
        eb.and([eb('users.kind', '=', 'employee'), eb('users.role', 'in', ['admin', 'extranet_admin'])]),
      ]),
    )
    .execute();
  return new Map(
    rows.map((r) => [r.id, { kind: r.kind, role: r.role, memberRole: r.member_role ?? null, expiresAt: r.expires_at ?? null }]),
  );
}

/**
 * The reader as they stand now for one workspace: kind, role and that membership from the audience,
 * the rest of the kept actor unchanged (it does not matter for an event of this workspace). Null
 * when they may not enter it at all.
 */
export function readerNow(
  kept: UserActor,
  entry: AudienceEntry | undefined,
  workspaceId: string,
  rules: ExtranetRules,
  now = new Date().toISOString(),
): UserActor | null {
  if (!entry) return null;
  const memberships = new Map<string, ActorMembership>(kept.memberships);
  if (entry.memberRole && (entry.expiresAt === null || entry.expiresAt > now))
    memberships.set(workspaceId, { role: entry.memberRole, expiresAt: entry.expiresAt });
  else memberships.delete(workspaceId);
  return { ...kept, kind: entry.kind, role: entry.role, memberships, rules };
}
