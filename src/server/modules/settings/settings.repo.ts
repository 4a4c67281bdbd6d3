import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** Organization settings with their defaults; stored as one JSON value per key. */
export interface OrganizationSettings {
  organizationName: string | null;
  extranetEnabled: boolean;
}

const DEFAULTS: OrganizationSettings = { organizationName: null, extranetEnabled: false };

/** Keys that are not settings an administrator edits (e.g. the setup link's hash). */
export type InternalKey = 'setup_token_hash';

export async function readSettings(db: Kysely<DB>): Promise<OrganizationSettings> {
  const rows = await db.selectFrom('settings').selectAll().where('key', 'in', Object.keys(DEFAULTS)).execute();
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  return { ...DEFAULTS, ...stored } as OrganizationSettings;
}

async function upsert(db: Kysely<DB>, key: string, value: unknown): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
    .execute();
}

export async function writeSettings(db: Kysely<DB>, change: Partial<OrganizationSettings>): Promise<void> {
  for (const [key, value] of Object.entries(change)) {
    if (value !== undefined) await upsert(db, key, value);
  }
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
