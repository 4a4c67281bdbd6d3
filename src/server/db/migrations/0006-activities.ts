import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('activities')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    // Instants in UTC, plus the organizer's zone: "09:00 in Paris" stays 09:00 in Paris across a DST change.
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('confirmed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('confirmed_at', 'text')
    .addColumn('done_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('done_at', 'text')
    .addColumn('done_remark', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('activities_workspace').on('activities').columns(['workspace_id', 'starts_at']).execute();

  await db.schema
    .createTable('activity_attendees')
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('activity_attendees_pk', ['activity_id', 'user_id'])
    .execute();
  // "Planned activities" and the calendar feed start from the person.
  await db.schema.createIndex('activity_attendees_user').on('activity_attendees').columns(['user_id', 'activity_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['activity_attendees', 'activities']) await db.schema.dropTable(table).execute();
}
