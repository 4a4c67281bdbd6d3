import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('task_attachments')
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('attached_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('attached_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('task_attachments_pk', ['task_id', 'document_id'])
    .execute();
  await db.schema.createIndex('task_attachments_document').on('task_attachments').column('document_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('task_attachments').execute();
}
