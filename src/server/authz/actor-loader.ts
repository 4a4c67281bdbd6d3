import type { Kysely } from 'kysely';
import type { ExtranetCreators } from '../../shared/workspaces.js';
import { prepared } from '../db/prepared.js';
import type { DB } from '../db/schema.js';
import { type ActorMembership, type ActorUserRow, DEFAULT_RULES, type ExtranetRules, makeActor, type UserActor } from './actor.js';

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

export async function loadRules(db: Kysely<DB>): Promise<ExtranetRules> {
  const stored = new Map((await selectRules(db)).map((r) => [r.key, JSON.parse(r.value) as unknown]));
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
export async function loadMemberships(db: Kysely<DB>, userId: string, now = new Date().toISOString()) {
  const map = new Map<string, ActorMembership>();
  for (const row of await selectMemberships(db, userId)) {
    if (row.expires_at !== null && row.expires_at <= now) continue;
    map.set(row.workspace_id, { role: row.role, expiresAt: row.expires_at });
  }
  return map;
}

/** Everything the policies need about the caller, loaded once per request. */
export async function loadActor(db: Kysely<DB>, row: ActorUserRow, via: UserActor['via']): Promise<UserActor> {
  const [memberships, rules] = await Promise.all([loadMemberships(db, row.id), loadRules(db)]);
  return makeActor(row, via, memberships, rules);
}
