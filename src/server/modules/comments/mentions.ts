import { type Kysely, type SqlBool, sql } from 'kysely';
import { COMMENT_LIMITS } from '../../../shared/comments.js';
import { ACTOR_USER_COLUMNS, makeActor, type UserActor } from '../../authz/actor.js';
import { visibleUsers } from '../../authz/scope.js';
import type { DB } from '../../db/schema.js';
import { invalid } from '../../http/problems.js';
import { likePattern } from '../../lib/like.js';
import { emailReadable } from '../users/users.repo.js';
import type { CommentParent } from './comment-targets.js';

export interface Mentionable {
  id: string;
  name: string;
}

/**
 * A candidate's actor exists only to ask the item's policy whether they see it; it never
 * authenticates anything, so it carries no session.
 */
const CANDIDATE_VIA: UserActor['via'] = { type: 'session', idHash: '' };

const BATCH = 100;

/**
 * The people `author` may mention on `parent`, by name: active members of the item's workspace (any
 * role, not past their end date), other than the author, whom the directory rule lets the author see,
 * and who see the item themselves, decided by the item's own policy `see` (so an internal item never
 * offers a guest, a document in an internal folder or someone else's drop-box upload neither).
 *
 * The picker (`q`) and the check of a comment's `mentionIds` (`ids`) both call this, so nobody is
 * accepted whom the picker would not offer.
 */
export async function mentionable(
  db: Kysely<DB>,
  author: UserActor,
  parent: CommentParent,
  query: { q?: string; ids?: readonly string[]; limit?: number },
): Promise<Mentionable[]> {
  const limit = query.limit ?? COMMENT_LIMITS.picker;
  if (query.ids && query.ids.length === 0) return [];
  const now = new Date().toISOString();
  const workspaceId = parent.workspace.id;
  const found: Mentionable[] = [];
  let after: { sortName: string; id: string } | undefined;
  // The policy is asked in code, so the query may return people it then leaves out: read on in
  // batches until the page is full or nobody is left.
  for (;;) {
    let select = db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(ACTOR_USER_COLUMNS)
      .select(['memberships.role as member_role', 'memberships.expires_at as member_expires_at'])
      .select((eb) => eb.fn<string>('lower', ['users.name']).as('sort_name'))
      .where('memberships.workspace_id', '=', workspaceId)
      .where('memberships.status', '=', 'active')
      .where((eb) => eb.or([eb('memberships.expires_at', 'is', null), eb('memberships.expires_at', '>', now)]))
      .where('users.status', '=', 'active')
      .where('users.id', '!=', author.id)
      .where(visibleUsers(author, now));
    if (query.ids) select = select.where('users.id', 'in', [...query.ids]);
    const q = query.q?.trim();
    if (q) {
      // Names are lowered by the database on both sides; e-mails are stored lower-cased. An address
      // finds only people whose address the author may read, so a search reveals nobody.
      const namePattern = likePattern(q);
      const emailPattern = likePattern(q.toLowerCase());
      select = select.where((eb) =>
        eb.or([
          sql<SqlBool>`lower(users.name) like lower(${namePattern}) escape '\\'`,
          eb.and([sql<SqlBool>`users.email like ${emailPattern} escape '\\'`, emailReadable(eb, author)]),
        ]),
      );
    }
    if (after) {
      const { sortName, id } = after;
      select = select.where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['users.name']), '>', sortName),
          eb.and([eb(eb.fn('lower', ['users.name']), '=', sortName), eb('users.id', '>', id)]),
        ]),
      );
    }
    const rows = await select
      .orderBy((eb) => eb.fn('lower', ['users.name']))
      .orderBy('users.id')
      .limit(BATCH)
      .execute();
    for (const row of rows) {
      // Only this workspace's membership: the item's policy looks at no other, and this one is
      // already checked (active, not ended) by the query.
      const memberships = new Map([[workspaceId, { role: row.member_role, expiresAt: row.member_expires_at }]]);
      const candidate = makeActor(row, CANDIDATE_VIA, memberships, author.rules);
      if (parent.seenBy(candidate)) found.push({ id: row.id, name: row.name });
      if (found.length >= limit) return found;
    }
    const last = rows.at(-1);
    if (rows.length < BATCH || !last) return found;
    after = { sortName: last.sort_name, id: last.id };
  }
}

/**
 * A comment's mentions: each one someone the picker would offer the author on this item. One answer
 * for every refusal (hidden, not a member, cannot see the item, unknown id), so it reveals nobody;
 * the path points at the refused id where the caller put it.
 */
export async function checkMentions(db: Kysely<DB>, author: UserActor, parent: CommentParent, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const allowed = new Set((await mentionable(db, author, parent, { ids: unique, limit: unique.length })).map((p) => p.id));
  ids.forEach((id, i) => {
    if (!allowed.has(id)) throw invalid(`/mentionIds/${i}`, 'is not someone you may mention here');
  });
  return unique;
}
