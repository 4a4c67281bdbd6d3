import { type Kysely, type Selectable, sql } from 'kysely';
import type { Actor } from '../../authz/actor.js';
import { visibleUsers } from '../../authz/scope.js';
import { prepared } from '../../db/prepared.js';
import type { DB, UsersTable } from '../../db/schema.js';

export type UserRow = Selectable<UsersTable>;

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

export interface UserListQuery {
  q?: string;
  limit: number;
  after?: { sortName: string; id: string };
}

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
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
): Promise<Array<UserRow & { sort_name: string }>> {
  let select = db
    .selectFrom('users')
    .selectAll()
    .select((eb) => eb.fn<string>('lower', ['users.name']).as('sort_name'))
    .where(visibleUsers(actor));
  if (query.q) {
    // Names are lowered by the database on both sides (its lower() may not match JavaScript's for
    // non-ASCII letters, and must agree with itself); e-mails are stored lower-cased by normalizeEmail.
    const namePattern = likePattern(query.q);
    const emailPattern = likePattern(query.q.toLowerCase());
    // Explicit ESCAPE: SQLite has no default escape character, PostgreSQL does; this makes them agree.
    select = select.where(
      sql<boolean>`(lower(users.name) like lower(${namePattern}) escape '\\' or users.email like ${emailPattern} escape '\\')`,
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
