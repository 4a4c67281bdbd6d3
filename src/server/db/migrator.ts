import { type Kysely, Migrator, PostgresAdapter, sql } from 'kysely';
import { migrations } from './migrations/index.js';

/**
 * On PostgreSQL the migrator's own tables are pinned to the current schema: left unpinned, Kysely
 * finds another schema's kysely_migration table in the same database and takes it for ours.
 */
async function migrator(db: Kysely<unknown>) {
  const provider = { getMigrations: async () => migrations };
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return new Migrator({ db, provider });
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return new Migrator({ db, provider, migrationTableSchema: rows[0]?.schema ?? 'public' });
}

/** Applies every pending migration; returns the names applied. Throws with the failing migration's error. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const { error, results } = await (await migrator(db)).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when every known migration has been applied (used by /readyz). */
export async function migrationsAreCurrent(db: Kysely<unknown>): Promise<boolean> {
  const all = await (await migrator(db)).getMigrations();
  return all.every((m) => m.executedAt !== undefined);
}
