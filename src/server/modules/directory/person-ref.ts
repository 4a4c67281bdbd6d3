import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import type { Actor } from '../../authz/actor.js';
import { visibleUsers } from '../../authz/scope.js';
import type { DB } from '../../db/schema.js';
import { IdSchema } from '../../http/schemas.js';

export const UNKNOWN_USER = 'Unknown user';

/** A person mentioned by something else (a sponsor, an inviter): a name, or "Unknown user" outside the directory rule. */
export const PersonRefSchema = Type.Object({ id: IdSchema, name: Type.String() });

/** Of these people, the ones the directory rule lets the caller see; one query however many. */
export async function visibleIds(db: Kysely<DB>, actor: Actor, ids: Iterable<string | null>): Promise<Set<string>> {
  const wanted = [...new Set([...ids].filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Set();
  const rows = await db.selectFrom('users').select('users.id').where('users.id', 'in', wanted).where(visibleUsers(actor)).execute();
  return new Set(rows.map((r) => r.id));
}

export function personRef(person: { id: string; name: string } | null, visible: Set<string>) {
  if (!person) return null;
  return { id: person.id, name: visible.has(person.id) ? person.name : UNKNOWN_USER };
}

export type PersonRef = { id: string; name: string } | null;

/** People mentioned by something (documents, versions, tasks), as the caller may see them ("Unknown user" otherwise). */
export async function peopleFor(db: Kysely<DB>, actor: Actor, ids: Iterable<string | null>): Promise<(id: string | null) => PersonRef> {
  const wanted = [...new Set([...ids].filter((id): id is string => id !== null))];
  if (wanted.length === 0) return () => null;
  const [rows, visible] = await Promise.all([
    db.selectFrom('users').select(['id', 'name']).where('id', 'in', wanted).execute(),
    visibleIds(db, actor, wanted),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return (id) => (id ? personRef(byId.get(id) ?? null, visible) : null);
}
