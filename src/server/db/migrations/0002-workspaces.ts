import type { Kysely } from 'kysely';

// Booleans are integers (0/1) so both engines read them the same way.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('external_organizations')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('external_organization_domains')
    .addColumn('domain', 'text', (c) => c.primaryKey().notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('external_organizations.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('external_organization_domains_org').on('external_organization_domains').column('organization_id').execute();

  await db.schema
    .alterTable('users')
    .addColumn('external_organization_id', 'text', (c) => c.references('external_organizations.id').onDelete('set null'))
    .execute();
  await db.schema
    .alterTable('users')
    .addColumn('visible_to_guests', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('users')
    .addColumn('extranet_group', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // Why a suspended account is suspended: 'no_workspace' (the lifecycle) can be undone by a new invitation.
  await db.schema.alterTable('users').addColumn('suspended_reason', 'text').execute();

  await db.schema
    .createTable('topics')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('workspaces')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('topic_id', 'text', (c) => c.references('topics.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('guests_can_upload', 'integer', (c) => c.notNull())
    .addColumn('guests_can_create_tasks', 'integer', (c) => c.notNull())
    .addColumn('guests_can_comment', 'integer', (c) => c.notNull())
    .addColumn('guests_can_see_members', 'integer', (c) => c.notNull())
    .addColumn('guests_can_invite', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text')
    .execute();

  await db.schema
    .createTable('workspace_fields')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('workspace_fields_workspace').on('workspace_fields').columns(['workspace_id', 'position']).execute();

  await db.schema
    .createTable('memberships')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sponsor_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('expires_at', 'text')
    .addColumn('reminder_sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('memberships_pk', ['workspace_id', 'user_id'])
    .execute();
  await db.schema.createIndex('memberships_user').on('memberships').columns(['user_id', 'status']).execute();
  await db.schema.createIndex('memberships_expiry').on('memberships').columns(['status', 'expires_at']).execute();
  await db.schema.createIndex('memberships_sponsor').on('memberships').columns(['sponsor_id', 'status']).execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('access_ends_at', 'text')
    .addColumn('external_organization_id', 'text', (c) => c.references('external_organizations.id').onDelete('set null'))
    .addColumn('inviter_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('link_expires_at', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('decided_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', 'text')
    .addColumn('rejection_reason', 'text')
    .addColumn('accepted_at', 'text')
    .addColumn('accepted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('invitations_workspace').on('invitations').columns(['workspace_id', 'created_at']).execute();
  await db.schema.createIndex('invitations_status').on('invitations').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('invitations_inviter').on('invitations').columns(['inviter_id', 'status']).execute();

  await db.schema.alterTable('audit_events').addColumn('workspace_id', 'text').execute();
  await db.schema.createIndex('audit_events_workspace').on('audit_events').columns(['workspace_id', 'occurred_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_events_workspace').execute();
  await db.schema.alterTable('audit_events').dropColumn('workspace_id').execute();
  for (const table of ['invitations', 'memberships', 'workspace_fields', 'workspaces', 'topics']) {
    await db.schema.dropTable(table).execute();
  }
  for (const column of ['suspended_reason', 'extranet_group', 'visible_to_guests', 'external_organization_id']) {
    await db.schema.alterTable('users').dropColumn(column).execute();
  }
  await db.schema.dropTable('external_organization_domains').execute();
  await db.schema.dropTable('external_organizations').execute();
}
