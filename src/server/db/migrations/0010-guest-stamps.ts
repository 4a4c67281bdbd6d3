import type { Kysely } from 'kysely';

/**
 * What guests could see at the time: a comment written while its item was internal stays internal
 * when the item is shared later, and so does an audit event (the activity stream leaves it out for
 * guests), as note versions saved while a note was internal do.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('comments')
    .addColumn('shared_with_guests', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('audit_events')
    .addColumn('internal', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_events').dropColumn('internal').execute();
  await db.schema.alterTable('comments').dropColumn('shared_with_guests').execute();
}
