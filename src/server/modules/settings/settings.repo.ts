import type { Kysely } from 'kysely';
import { EXTRANET_CREATORS, type ExtranetCreators } from '../../../shared/workspaces.js';
import type { DB } from '../../db/schema.js';
import { invalid } from '../../http/problems.js';

/**
 * The extranet's policies (docs/extranet.md, "Policies"). The authorization core reads
 * extranetEnabled, workspaceCreators, guestsSeeOwnOrganization and guestsSeeEmployeeEmails
 * straight from the settings table, so these key names and their JSON encoding are a contract.
 */
export interface ExtranetPolicy {
  extranetEnabled: boolean;
  workspaceCreators: ExtranetCreators;
  invitationApproval: boolean;
  /** Normalised domains (see normalizeDomainList); empty means every domain not blocked. */
  allowedGuestDomains: string[];
  blockedGuestDomains: string[];
  /** 0 = unlimited. */
  guestSeatLimit: number;
  /** 0 = unlimited. */
  inviterQuota: number;
  /** 0 = no end date proposed. */
  guestDefaultAccessDays: number;
  /** 0 = no limit. */
  guestMaxAccessDays: number;
  guestsSeeOwnOrganization: boolean;
  guestsSeeEmployeeEmails: boolean;
  invitationValidityDays: number;
  suspendGuestsWithoutWorkspace: boolean;
}

/** Organization settings with their defaults; stored as one JSON value per key. */
export interface OrganizationSettings extends ExtranetPolicy {
  organizationName: string | null;
}

export const DEFAULT_POLICY: Readonly<ExtranetPolicy> = Object.freeze({
  extranetEnabled: false,
  workspaceCreators: 'all_employees',
  invitationApproval: false,
  allowedGuestDomains: [],
  blockedGuestDomains: [],
  guestSeatLimit: 0,
  inviterQuota: 0,
  guestDefaultAccessDays: 0,
  guestMaxAccessDays: 0,
  guestsSeeOwnOrganization: false,
  guestsSeeEmployeeEmails: false,
  invitationValidityDays: 14,
  suspendGuestsWithoutWorkspace: true,
});

const DEFAULTS: OrganizationSettings = { organizationName: null, ...DEFAULT_POLICY };
const SETTING_KEYS = Object.keys(DEFAULTS) as (keyof OrganizationSettings)[];

/** Keys that are not settings an administrator edits (e.g. the setup link's hash). */
export type InternalKey = 'setup_token_hash';

/** A stored value of the wrong shape (written by hand, or by an older version) falls back to the default. */
function sameShape(key: keyof OrganizationSettings, stored: unknown, fallback: unknown): boolean {
  if (key === 'workspaceCreators') return (EXTRANET_CREATORS as readonly unknown[]).includes(stored);
  if (typeof fallback === 'number') return Number.isInteger(stored) && (stored as number) >= 0;
  if (Array.isArray(fallback)) return Array.isArray(stored) && stored.every((v) => typeof v === 'string');
  if (fallback === null) return stored === null || typeof stored === 'string';
  return typeof stored === typeof fallback;
}

export async function readSettings(db: Kysely<DB>): Promise<OrganizationSettings> {
  const rows = await db.selectFrom('settings').selectAll().where('key', 'in', SETTING_KEYS).execute();
  const settings: Record<string, unknown> = { ...structuredClone(DEFAULTS) };
  for (const row of rows) {
    const key = row.key as keyof OrganizationSettings;
    const value = JSON.parse(row.value) as unknown;
    if (sameShape(key, value, DEFAULTS[key])) settings[key] = value;
  }
  return settings as unknown as OrganizationSettings;
}

/** The whole extranet policy, for the services that enforce it (invitations, expiry jobs). */
export async function readExtranetPolicy(db: Kysely<DB>): Promise<ExtranetPolicy> {
  const { organizationName: _name, ...policy } = await readSettings(db);
  return policy;
}

/** The lock every change that may take a guest seat or an inviter's quota runs under (see db/locks.ts). */
export const GUEST_ADMISSION = 'guest-admission';

export async function countActiveGuests(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('kind', '=', 'guest')
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function upsert(db: Kysely<DB>, key: string, value: unknown): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
    .execute();
}

/** Refuses, before writing anything, a value that reading back would replace with the default. */
export async function writeSettings(db: Kysely<DB>, change: Partial<OrganizationSettings>): Promise<void> {
  const entries = Object.entries(change).filter(([, value]) => value !== undefined) as [keyof OrganizationSettings, unknown][];
  for (const [key, value] of entries) {
    if (!sameShape(key, value, DEFAULTS[key])) throw invalid(`/${key}`, 'is not a value this setting can hold');
  }
  for (const [key, value] of entries) await upsert(db, key, value);
}

export async function readInternal(db: Kysely<DB>, key: InternalKey): Promise<string | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (JSON.parse(row.value) as string) : null;
}

export async function writeInternal(db: Kysely<DB>, key: InternalKey, value: string | null): Promise<void> {
  if (value === null) await db.deleteFrom('settings').where('key', '=', key).execute();
  else await upsert(db, key, value);
}

/** Deletes the key only if it still holds `value`; true when this call deleted it (single-use secrets). */
export async function takeInternal(db: Kysely<DB>, key: InternalKey, value: string): Promise<boolean> {
  const result = await db.deleteFrom('settings').where('key', '=', key).where('value', '=', JSON.stringify(value)).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
