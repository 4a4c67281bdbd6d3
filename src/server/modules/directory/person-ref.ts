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
