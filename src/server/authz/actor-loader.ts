import type { Kysely } from 'kysely';
import type { ExtranetCreators } from '../../shared/workspaces.js';
import { prepared } from '../db/prepared.js';
import type { DB } from '../db/schema.js';
import {
  ACTOR_USER_COLUMNS,
  type Actor,
  type ActorMembership,
  type ActorUserRow,
  DEFAULT_RULES,
  type ExtranetRules,
  makeActor,
  type UserActor,
} from './actor.js';

const selectMemberships = prepared(
  1,
  (db, userId: string) =>
    db
      .selectFrom('memberships')
      .select(['workspace_id', 'role', 'expires_at'])
      .where('user_id', '=', userId)
      .where('status', '=', 'active'),
  { memo: true },
);

const RULE_KEYS = ['extranetEnabled', 'workspaceCreators', 'guestsSeeOwnOrganization', 'guestsSeeEmployeeEmails'] as const;

const selectRules = prepared(
  0,
  (db) =>
    db
      .selectFrom('settings')
      .select(['key', 'value'])
      .where('key', 'in', [...RULE_KEYS]),
  {
    memo: true,
  },
);

// The read cache hands back the same frozen rows until the database changes, so what is derived
// from them can be kept alongside and rebuilt only when they are new.
const rulesOf = new WeakMap<readonly unknown[], ExtranetRules>();

export async function loadRules(db: Kysely<DB>): Promise<ExtranetRules> {
  const rows = await selectRules(db);
  let rules = rulesOf.get(rows);
  if (!rules) {
    rules = parseRules(rows);
    rulesOf.set(rows, rules);
  }
  return rules;
}

function parseRules(rows: readonly { key: string; value: string }[]): ExtranetRules {
  const stored = new Map(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  const flag = (key: string, fallback: boolean) => (typeof stored.get(key) === 'boolean' ? (stored.get(key) as boolean) : fallback);
  return {
    enabled: flag('extranetEnabled', DEFAULT_RULES.enabled),
    creators: (stored.get('workspaceCreators') as ExtranetCreators | undefined) ?? DEFAULT_RULES.creators,
    guestsSeeOwnOrganization: flag('guestsSeeOwnOrganization', DEFAULT_RULES.guestsSeeOwnOrganization),
    guestsSeeEmployeeEmails: flag('guestsSeeEmployeeEmails', DEFAULT_RULES.guestsSeeEmployeeEmails),
  };
}

/**
 * The caller's workspaces as of this request. End dates are checked here, on every request, so a
 * membership stops working the moment it ends, whether or not the expiry job has run.
 */
export async function loadMemberships(db: Kysely<DB>, userId: string) {
  const rows = await selectMemberships(db, userId);
  const known = membershipsOf.get(rows);
  // Still exact while no end date has been reached since the map was built.
  if (known && known.nextEnd === null) return known.map;
  const now = new Date().toISOString();
  if (known && now < (known.nextEnd as string)) return known.map;
  const map = new Map<string, ActorMembership>();
  let nextEnd: string | null = null;
  for (const row of rows) {
    if (row.expires_at !== null && row.expires_at <= now) continue;
    if (row.expires_at !== null && (nextEnd === null || row.expires_at < nextEnd)) nextEnd = row.expires_at;
    map.set(row.workspace_id, { role: row.role, expiresAt: row.expires_at });
  }
  membershipsOf.set(rows, { map, nextEnd });
  return map as ReadonlyMap<string, ActorMembership>;
}

const membershipsOf = new WeakMap<readonly unknown[], { map: ReadonlyMap<string, ActorMembership>; nextEnd: string | null }>();

/** Everything the policies need about the caller, loaded once per request. */
export async function loadActor(db: Kysely<DB>, row: ActorUserRow, via: UserActor['via']): Promise<UserActor> {
  const [memberships, rules] = await Promise.all([loadMemberships(db, row.id), loadRules(db)]);
  return makeActor(row, via, memberships, rules);
}

/**
 * The same person with their memberships as they are now, for a use case that outlasts its request's
 * start (a large upload) and must decide again, through the same policies, before it commits.
 */
export async function withCurrentMemberships(db: Kysely<DB>, actor: Actor): Promise<Actor> {
  if (actor.type !== 'user') return actor;
  return { ...actor, memberships: await loadMemberships(db, actor.id) };
}

/**
 * An active person as the policies see them, for work done on their behalf outside a request (a
 * notification, a reminder, a stream message): null when they no longer exist or are suspended.
 */
export async function actorOfUser(db: Kysely<DB>, userId: string): Promise<UserActor | null> {
  const row = await db
    .selectFrom('users')
    .select([...ACTOR_USER_COLUMNS])
    .where('users.id', '=', userId)
    .where('users.status', '=', 'active')
    .executeTakeFirst();
  return row ? loadActor(db, row as ActorUserRow, { type: 'session', idHash: '' }) : null;
}
