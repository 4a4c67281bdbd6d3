import { type Expression, type ExpressionBuilder, type Kysely, type Selectable, type SqlBool, sql } from 'kysely';
import type { Actor } from '../../authz/actor.js';
import { visibleUsers } from '../../authz/scope.js';
import { prepared } from '../../db/prepared.js';
import type { DB, UsersTable } from '../../db/schema.js';

export type UserRow = Selectable<UsersTable>;
export type DirectoryUserRow = UserRow & { external_organization_name: string | null };

const selectUserById = prepared(1, (db, id: string) => db.selectFrom('users').selectAll().where('id', '=', id), { memo: true });

export async function findUserById(db: Kysely<DB>, id: string): Promise<UserRow | undefined> {
  return (await selectUserById(db, id))[0];
}

export async function findUserByEmail(db: Kysely<DB>, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function countAdmins(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertUser(db: Kysely<DB>, row: UserRow): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

/** The person's external organization's name, in the same query (one query per list, not per row). */
const organizationName = (eb: ExpressionBuilder<DB, 'users'>) =>
  eb
    .selectFrom('external_organizations')
    .select('external_organizations.name')
    .whereRef('external_organizations.id', '=', 'users.external_organization_id')
    .as('external_organization_name');

/** One person, only if the directory rule lets the caller see them. */
export async function findVisibleUser(db: Kysely<DB>, actor: Actor, id: string): Promise<DirectoryUserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll('users')
    .select(organizationName)
    .where('users.id', '=', id)
    .where(visibleUsers(actor))
    .executeTakeFirst();
}

export interface UserListQuery {
  q?: string;
  limit: number;
  after?: { sortName: string; id: string };
}

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Rows whose e-mail the caller may read (see seesEmailOf): searching by an address must not reveal
 * a person whose address is hidden from the caller.
 */
export function emailReadable(eb: ExpressionBuilder<DB, 'users'>, actor: Actor): Expression<SqlBool> {
  if (actor.type !== 'user') return eb.or([]);
  if (actor.kind === 'employee') return eb.and([]);
  const readable = [eb('users.id', '=', actor.id)];
  if (actor.rules.guestsSeeEmployeeEmails) readable.push(eb('users.kind', '=', 'employee'));
  return eb.or(readable);
}

/**
 * One query, scoped by the directory rule, ordered by name then id for stable cursor paging. Each row
 * carries its sort key as the database computed it: the next cursor must be built from that, since
 * the engine's lower() and JavaScript's toLowerCase() disagree on non-ASCII names (SQLite's lower()
 * leaves "É" as it is), and a cursor that disagrees with ORDER BY skips or repeats people.
 */
export async function listVisibleUsers(
  db: Kysely<DB>,
  actor: Actor,
  query: UserListQuery,
): Promise<Array<DirectoryUserRow & { sort_name: string }>> {
  let select = db
    .selectFrom('users')
    .selectAll('users')
    .select(organizationName)
    .select((eb) => eb.fn<string>('lower', ['users.name']).as('sort_name'))
    .where(visibleUsers(actor));
  if (query.q) {
    // Names are lowered by the database on both sides (its lower() may not match JavaScript's for
    // non-ASCII letters, and must agree with itself); e-mails are stored lower-cased by normalizeEmail.
    const namePattern = likePattern(query.q);
    const emailPattern = likePattern(query.q.toLowerCase());
    // Explicit ESCAPE: SQLite has no default escape character, PostgreSQL does; this makes them agree.
    select = select.where((eb) =>
      eb.or([
        sql<SqlBool>`lower(users.name) like lower(${namePattern}) escape '\\'`,
        eb.and([sql<SqlBool>`users.email like ${emailPattern} escape '\\'`, emailReadable(eb, actor)]),
      ]),
    );
  }
  if (query.after) {
    const { sortName, id } = query.after;
    select = select.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['users.name']), '>', sortName),
        eb.and([eb(eb.fn('lower', ['users.name']), '=', sortName), eb('users.id', '>', id)]),
      ]),
    );
  }
  return select
    .orderBy((eb) => eb.fn('lower', ['users.name']))
    .orderBy('users.id')
    .limit(query.limit + 1)
    .execute();
}

export interface ExtranetFlagsChange {
  visible_to_guests?: number;
  extranet_group?: number;
  external_organization_id?: string | null;
}

export async function updateUserColumns(
  db: Kysely<DB>,
  id: string,
  change: Partial<Pick<UserRow, 'status' | 'suspended_reason' | 'role' | 'updated_at'>> & ExtranetFlagsChange,
): Promise<void> {
  await db.updateTable('users').set(change).where('id', '=', id).execute();
}
