import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Folders nest; a folder's own visibility and guest access may be null ("inherit"), and the
// effective values are kept on every row so that list queries filter without walking the tree.
// Trash is a timestamp: a trashed folder takes its subtree with it, all marked with the same root.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Names sort by code point on both engines (SQLite's default); PostgreSQL would otherwise follow
  // the server's language collation and list, and page, in another order.
  const nameKeyType = db.getExecutor().adapter instanceof PostgresAdapter ? sql`text collate "C"` : 'text';
  await db.schema
    .createTable('folders')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('parent_id', 'text', (c) => c.references('folders.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', nameKeyType, (c) => c.notNull())
    .addColumn('visibility', 'text')
    .addColumn('guest_access', 'text')
    .addColumn('shared', 'integer', (c) => c.notNull())
    .addColumn('effective_guest_access', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('deleted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('trash_root_id', 'text')
    .execute();
  await db.schema.createIndex('folders_parent').on('folders').columns(['workspace_id', 'parent_id', 'name_key']).execute();
  await db.schema.createIndex('folders_trash').on('folders').columns(['workspace_id', 'deleted_at']).execute();

  await db.schema
    .createTable('documents')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('folder_id', 'text', (c) => c.notNull().references('folders.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', nameKeyType, (c) => c.notNull())
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('deleted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('trash_root_id', 'text')
    .execute();
  await db.schema.createIndex('documents_folder').on('documents').columns(['folder_id', 'name_key', 'id']).execute();
  await db.schema.createIndex('documents_workspace').on('documents').columns(['workspace_id', 'deleted_at']).execute();

  await db.schema
    .createTable('document_versions')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('restored_from', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('document_versions_number').unique().on('document_versions').columns(['document_id', 'number']).execute();
  // The orphan sweep asks "is this blob still referenced?" for every file it finds.
  await db.schema.createIndex('document_versions_blob').on('document_versions').column('sha256').execute();

  // The per-document access report reads the audit log by target.
  await db.schema.createIndex('audit_events_target').on('audit_events').columns(['target_id', 'occurred_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_events_target').execute();
  for (const table of ['document_versions', 'documents', 'folders']) await db.schema.dropTable(table).execute();
}
