import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('comments')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    // What the comment is on: 'task', 'note', 'activity' or 'document' and its id. No foreign key, as
    // it points into one of several tables; a comment whose item is gone is never reached (every read
    // goes through the item first).
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text')
    // Deleted comments leave every list at once; the row stays for the audit trail.
    .addColumn('deleted_at', 'text')
    .execute();
  // The thread of one item, oldest first.
  await db.schema.createIndex('comments_target').on('comments').columns(['target_type', 'target_id', 'created_at']).execute();

  await db.schema
    .createTable('comment_mentions')
    .addColumn('comment_id', 'text', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('comment_mentions_pk', ['comment_id', 'user_id'])
    .execute();
  // "Where was I mentioned" starts from the person.
  await db.schema.createIndex('comment_mentions_user').on('comment_mentions').columns(['user_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['comment_mentions', 'comments']) await db.schema.dropTable(table).execute();
}
