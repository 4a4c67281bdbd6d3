import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One private calendar feed per person. The URL's secret is derived from feed_id with the link key
  // (decision 010), so this table alone never yields a working URL; a new feed_id kills the old one.
  await db.schema
    .createTable('calendar_feeds')
    .addColumn('user_id', 'text', (c) => c.primaryKey().notNull().references('users.id').onDelete('cascade'))
    .addColumn('feed_id', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // Due-date reminders: one row per task, assignee and due date, inserted to claim the e-mail before
  // it is sent (so two runs never both send) and stamped once it went out. A new due date is a new row.
  await db.schema
    .createTable('task_reminders')
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addPrimaryKeyConstraint('task_reminders_pk', ['task_id', 'user_id', 'due_on'])
    .execute();
  await db.schema.createIndex('task_reminders_due_on').on('task_reminders').columns(['due_on']).execute();
  // The reminder job looks for tasks by due date across workspaces, every minute.
  await db.schema.createIndex('tasks_due_on').on('tasks').columns(['due_on', 'status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('tasks_due_on').execute();
  for (const table of ['task_reminders', 'calendar_feeds']) await db.schema.dropTable(table).execute();
}
