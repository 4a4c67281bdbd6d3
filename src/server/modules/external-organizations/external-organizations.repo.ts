import type { Kysely, Selectable } from 'kysely';
import type { DB, ExternalOrganizationsTable } from '../../db/schema.js';

export type ExternalOrganizationRow = Selectable<ExternalOrganizationsTable> & { guest_count: number };

function selectOrganizations(db: Kysely<DB>) {
  return db
    .selectFrom('external_organizations')
    .selectAll('external_organizations')
    .select((eb) =>
      eb
        .selectFrom('users')
        .select((u) => u.fn.countAll<string | number>().as('n'))
        .whereRef('users.external_organization_id', '=', 'external_organizations.id')
        .where('users.kind', '=', 'guest')
        .where('users.status', '=', 'active')
        .as('guest_count'),
    );
}

// Both engines may answer a count as text or bigint; callers get a number.
const withCount = <R extends { guest_count: string | number | null }>(row: R) => ({ ...row, guest_count: Number(row.guest_count ?? 0) });

export async function listOrganizations(db: Kysely<DB>): Promise<ExternalOrganizationRow[]> {
  const rows = await selectOrganizations(db)
    .orderBy((eb) => eb.fn('lower', ['external_organizations.name']))
    .orderBy('external_organizations.id')
    .execute();
  return rows.map(withCount);
}

export async function findOrganization(db: Kysely<DB>, id: string): Promise<ExternalOrganizationRow | undefined> {
  const row = await selectOrganizations(db).where('external_organizations.id', '=', id).executeTakeFirst();
  return row ? withCount(row) : undefined;
}

export async function findOrganizationRef(db: Kysely<DB>, id: string): Promise<{ id: string; name: string } | undefined> {
  return db.selectFrom('external_organizations').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

/** Another organization already called `name`, compared case-insensitively. */
export async function findNameTaken(db: Kysely<DB>, name: string, exceptId?: string): Promise<boolean> {
  let select = db
    .selectFrom('external_organizations')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', eb.fn('lower', [eb.val(name)])));
  if (exceptId) select = select.where('id', '!=', exceptId);
  return (await select.executeTakeFirst()) !== undefined;
}

/** Each organization's domains in one query, sorted here: engines' collations disagree on "-" and ".". */
export async function domainsOf(db: Kysely<DB>, organizationIds: readonly string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>(organizationIds.map((id) => [id, []]));
  if (organizationIds.length === 0) return map;
  const rows = await db
    .selectFrom('external_organization_domains')
    .select(['domain', 'organization_id'])
    .where('organization_id', 'in', organizationIds)
    .execute();
  for (const row of rows) map.get(row.organization_id)?.push(row.domain);
  for (const list of map.values()) list.sort();
  return map;
}

/** The first of `domains` that belongs to an organization other than `exceptId`. */
export async function findDomainOwnedElsewhere(
  db: Kysely<DB>,
  domains: readonly string[],
  exceptId?: string,
): Promise<{ domain: string; organizationName: string } | undefined> {
  if (domains.length === 0) return undefined;
  let select = db
    .selectFrom('external_organization_domains')
    .innerJoin('external_organizations', 'external_organizations.id', 'external_organization_domains.organization_id')
    .select(['external_organization_domains.domain', 'external_organizations.name as organizationName'])
    .where('external_organization_domains.domain', 'in', domains);
  if (exceptId) select = select.where('external_organization_domains.organization_id', '!=', exceptId);
  return select.orderBy('external_organization_domains.domain').executeTakeFirst();
}

/** The organizations owning any of these domains, with the domain that matched. */
export async function organizationsByDomain(db: Kysely<DB>, domains: readonly string[]) {
  if (domains.length === 0) return [];
  return db
    .selectFrom('external_organization_domains')
    .innerJoin('external_organizations', 'external_organizations.id', 'external_organization_domains.organization_id')
    .select(['external_organization_domains.domain', 'external_organizations.id', 'external_organizations.name'])
    .where('external_organization_domains.domain', 'in', domains)
    .execute();
}

export async function insertOrganization(db: Kysely<DB>, row: Selectable<ExternalOrganizationsTable>): Promise<void> {
  await db.insertInto('external_organizations').values(row).execute();
}

export async function renameOrganization(db: Kysely<DB>, id: string, name: string, updatedAt: string): Promise<void> {
  await db.updateTable('external_organizations').set({ name, updated_at: updatedAt }).where('id', '=', id).execute();
}

export async function touchOrganization(db: Kysely<DB>, id: string, updatedAt: string): Promise<void> {
  await db.updateTable('external_organizations').set({ updated_at: updatedAt }).where('id', '=', id).execute();
}

export async function replaceDomains(db: Kysely<DB>, id: string, domains: readonly string[]): Promise<void> {
  await db.deleteFrom('external_organization_domains').where('organization_id', '=', id).execute();
  if (domains.length === 0) return;
  await db
    .insertInto('external_organization_domains')
    .values(domains.map((domain) => ({ domain, organization_id: id })))
    .execute();
}

/** Its domains go with it; its guests and invitations keep no organization (foreign keys). */
export async function deleteOrganization(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('external_organizations').where('id', '=', id).execute();
}
