import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { DB } from './schema.js';

/**
 * Makes the rest of the caller's transaction run one at a time with every other transaction that
 * takes the same lock: for checks that count rows and then add one (seat limits, quotas, "one open
 * invitation", "the last manager"). On PostgreSQL that is a transaction-level advisory lock, released
 * at commit or rollback, held across nodes. On SQLite there is nothing to do: our one connection
 * runs one transaction at a time, and other processes wait for the write lock.
 */
export async function serialize(trx: Kysely<DB>, name: string): Promise<void> {
  if (!(trx.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`select pg_advisory_xact_lock(hashtextextended(${`foyer:${name}`}, 0))`.execute(trx);
}

/**
 * Locks a person's row for the rest of the transaction (PostgreSQL; SQLite has one writer), for a
 * use case that will change it after writing to the audit log: taken first, so it is always taken
 * before the audit chain's lock, in the same order as every other change of that row.
 */
export async function lockUserRow(trx: Kysely<DB>, userId: string): Promise<void> {
  if (!(trx.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`select 1 from users where id = ${userId} for update`.execute(trx);
}
