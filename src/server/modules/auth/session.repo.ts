import type { Kysely } from 'kysely';
import { ACTOR_USER_COLUMNS, type ActorUserRow } from '../../authz/actor.js';
import { prepared } from '../../db/prepared.js';
import type { DB } from '../../db/schema.js';
import { hashSecret, newSecret } from '../../lib/secrets.js';
import { HOUR, isoAfter, MINUTE } from '../../lib/time.js';

export interface SessionTimeouts {
  idleMinutes: number;
  absoluteHours: number;
}

// Writing last_seen_at on every request would turn each read into a disk write; a minute of slack is plenty.
const TOUCH_AFTER_MS = MINUTE;

export async function createSession(
  db: Kysely<DB>,
  userId: string,
  timeouts: SessionTimeouts,
  meta: { ip: string; userAgent: string | null },
): Promise<string> {
  const secret = newSecret();
  const now = new Date().toISOString();
  // Housekeeping: sessions past their absolute end are of no use to anyone.
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
  await db
    .insertInto('sessions')
    .values({
      id_hash: hashSecret(secret),
      user_id: userId,
      created_at: now,
      last_seen_at: now,
      expires_at: isoAfter(timeouts.absoluteHours * HOUR),
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 400) ?? null,
    })
    .execute();
  return secret;
}

const selectSession = prepared(
  1,
  (db, idHash: string) =>
    db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['sessions.last_seen_at', 'sessions.expires_at'])
      .select(ACTOR_USER_COLUMNS)
      .where('sessions.id_hash', '=', idHash),
  { memo: true },
);

type SessionRow = Awaited<ReturnType<typeof selectSession>>[number];

// The read cache hands back the same frozen row until the database changes, so what is derived
// from it (its times as numbers, the user without them) is kept beside it, not rebuilt per request.
const derived = new WeakMap<SessionRow, { lastSeen: number; expires: number; user: Readonly<ActorUserRow> }>();

function derive(row: SessionRow) {
  let known = derived.get(row);
  if (!known) {
    const { last_seen_at, expires_at, ...user } = row;
    known = { lastSeen: Date.parse(last_seen_at), expires: Date.parse(expires_at), user: Object.freeze(user) };
    derived.set(row, known);
  }
  return known;
}

/** The live session's user, or null when the session is unknown, expired, idle too long, or the user is suspended. */
export async function resolveSession(
  db: Kysely<DB>,
  secret: string,
  timeouts: SessionTimeouts,
): Promise<{ idHash: string; user: Readonly<ActorUserRow> } | null> {
  const idHash = hashSecret(secret);
  const [row] = await selectSession(db, idHash);
  if (!row) return null;
  const now = Date.now();
  const { lastSeen, expires, user } = derive(row);
  const expired = expires <= now || lastSeen + timeouts.idleMinutes * MINUTE <= now;
  if (expired || row.status !== 'active') {
    await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    return null;
  }
  if (now - lastSeen > TOUCH_AFTER_MS) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(now).toISOString() })
      .where('id_hash', '=', idHash)
      .execute();
  }
  return { idHash, user };
}

export async function deleteSession(db: Kysely<DB>, secret: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', hashSecret(secret)).execute();
}

/** Ends every session of a user (optionally but one): takes effect on their very next request. */
export async function deleteUserSessions(db: Kysely<DB>, userId: string, exceptIdHash?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptIdHash) query = query.where('id_hash', '!=', exceptIdHash);
  await query.execute();
}
