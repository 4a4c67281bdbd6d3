import type { Kysely } from 'kysely';

/**
 * Whether guests could see a version when it was uploaded: one uploaded while its folder was closed
 * to them stays kept from them after the folder opens (its current version excepted), as note
 * versions and comments from an internal period do. Versions from before this column count as shared.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('document_versions')
    .addColumn('shared_with_guests', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('document_versions').dropColumn('shared_with_guests').execute();
}
