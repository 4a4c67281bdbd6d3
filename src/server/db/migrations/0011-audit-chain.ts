import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';

const GENESIS = '0'.repeat(64);

interface ChainedRow {
  seq: number;
  prev_hash: string;
  hash: string;
}

interface Row {
  id: string;
  occurred_at: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  details: string;
  workspace_id: string | null;
  internal: number;
}

/**
 * Tamper-evident audit log: every entry gets a sequence number and a hash chained to the previous
 * entry's. Existing entries are chained here in the order they happened. The hash recipe is frozen
 * in this file (the same as `audit/chain.ts` at the time of writing), so the migration never changes.
 */
export async function up(untyped: Kysely<unknown>): Promise<void> {
  const db = untyped as unknown as Kysely<{ audit_events: Row & ChainedRow }>;
  // Defaults only let the columns be added to existing rows; every row is chained just below.
  await db.schema
    .alterTable('audit_events')
    .addColumn('seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('audit_events')
    .addColumn('prev_hash', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('audit_events')
    .addColumn('hash', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  const rows = (await db
    .selectFrom('audit_events')
    .select(['id', 'occurred_at', 'actor_id', 'action', 'target_type', 'target_id', 'ip', 'details', 'workspace_id', 'internal'])
    .orderBy('occurred_at')
    .orderBy('id')
    .execute()) as Row[];
  let prev = GENESIS;
  let seq = 0;
  for (const row of rows) {
    seq += 1;
    const canonical = JSON.stringify([
      seq,
      row.id,
      row.occurred_at,
      row.actor_id,
      row.action,
      row.target_type,
      row.target_id,
      row.ip,
      row.details,
      row.workspace_id,
      Number(row.internal),
      prev,
    ]);
    const hash = createHash('sha256').update(canonical).digest('hex');
    await db.updateTable('audit_events').set({ seq, prev_hash: prev, hash }).where('id', '=', row.id).execute();
    prev = hash;
  }
  await db.schema.createIndex('audit_events_seq').unique().on('audit_events').column('seq').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_events_seq').execute();
  for (const column of ['hash', 'prev_hash', 'seq']) await db.schema.alterTable('audit_events').dropColumn(column).execute();
}
