import type { Kysely } from 'kysely';
import type { Actor } from '../../authz/actor.js';
import { visibleUsers } from '../../authz/scope.js';
import type { DB } from '../../db/schema.js';

/**
 * Members with what their presentation needs, by name; one query for the whole list, passed through
 * the directory rule like every list of people.
 */
export async function listMemberRows(db: Kysely<DB>, workspaceId: string, actor: Actor) {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .leftJoin('users as sponsor', 'sponsor.id', 'memberships.sponsor_id')
    .leftJoin('external_organizations', 'external_organizations.id', 'users.external_organization_id')
    .select([
      'memberships.user_id',
      'memberships.role',
      'memberships.status',
      'memberships.expires_at',
      'memberships.sponsor_id',
      'users.name',
      'users.email',
      'users.kind',
      'users.status as user_status',
      'users.external_organization_id',
      'external_organizations.name as organization_name',
      'sponsor.name as sponsor_name',
    ])
    .where('memberships.workspace_id', '=', workspaceId)
    .where(visibleUsers(actor))
    .orderBy((eb) => eb.fn('lower', ['users.name']))
    .orderBy('users.id')
    .execute();
}

export type MemberRow = Awaited<ReturnType<typeof listMemberRows>>[number];

export async function findMembership(db: Kysely<DB>, workspaceId: string, userId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['memberships.role', 'memberships.status', 'memberships.expires_at', 'users.kind', 'users.name'])
    .where('memberships.workspace_id', '=', workspaceId)
    .where('memberships.user_id', '=', userId)
    .executeTakeFirst();
}

/** Managers who can still act: the last one may not leave, or the workspace would be orphaned. */
export async function countActiveManagers(db: Kysely<DB>, workspaceId: string, now: string): Promise<number> {
  const row = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'manager')
    .where('status', '=', 'active')
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
