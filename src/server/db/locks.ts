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
