import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tasks')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    // A calendar date (YYYY-MM-DD): due "on Friday" wherever the reader is.
    .addColumn('due_on', 'text')
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('completed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('completed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tasks_workspace').on('tasks').columns(['workspace_id', 'status', 'due_on']).execute();

  await db.schema
    .createTable('task_assignees')
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('task_assignees_pk', ['task_id', 'user_id'])
    .execute();
  // "My tasks" starts from the person.
  await db.schema.createIndex('task_assignees_user').on('task_assignees').columns(['user_id', 'task_id']).execute();

  await db.schema
    .createTable('task_checklist_items')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull())
    .addColumn('done_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('done_at', 'text')
    .execute();
  await db.schema.createIndex('task_checklist_items_task').on('task_checklist_items').columns(['task_id', 'position']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['task_checklist_items', 'task_assignees', 'tasks']) await db.schema.dropTable(table).execute();
}
