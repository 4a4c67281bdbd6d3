import type { Kysely } from 'kysely';

// A note's current text lives on the note; every saved state (the first one included) is a
// version, so the history lists who wrote what and when, and any state can be restored.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notes')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notes_workspace').on('notes').columns(['workspace_id', 'updated_at']).execute();

  await db.schema
    .createTable('note_versions')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('note_id', 'text', (c) => c.notNull().references('notes.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('edited_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('restored_from', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('note_versions_number').unique().on('note_versions').columns(['note_id', 'number']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['note_versions', 'notes']) await db.schema.dropTable(table).execute();
}
