import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLUMNS } from '../../src/server/db/columns.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('row types match the migrated database', () => {
  it('has exactly the tables and columns the code declares', async () => {
    const tables = await t.ctx.db.introspection.getTables();
    const actual = Object.fromEntries(tables.map((table) => [table.name, table.columns.map((c) => c.name).sort()]));
    const expected = Object.fromEntries(Object.entries(COLUMNS).map(([name, cols]) => [name, [...cols].sort()]));
    expect(actual).toEqual(expected);
  });

  it('marks as nullable exactly the columns whose type allows null', async () => {
    const tables = await t.ctx.db.introspection.getTables();
    const nullable = Object.fromEntries(
      tables.map((table) => [
        table.name,
        table.columns
          .filter((c) => c.isNullable)
          .map((c) => c.name)
          .sort(),
      ]),
    );
    expect(nullable).toEqual({
      users: ['external_organization_id', 'last_sign_in_at', 'password_hash', 'suspended_reason'],
      sessions: ['ip', 'user_agent'],
      api_tokens: ['last_used_at'],
      password_resets: ['used_at'],
      auth_failures: [],
      settings: [],
      audit_events: ['actor_id', 'ip', 'target_id', 'target_type', 'workspace_id'],
      external_organizations: [],
      external_organization_domains: [],
      topics: [],
      workspaces: ['archived_at', 'created_by', 'topic_id'],
      workspace_fields: [],
      memberships: ['expires_at', 'reminder_sent_at', 'sponsor_id'],
      invitations: [
        'accepted_at',
        'accepted_by',
        'access_ends_at',
        'decided_at',
        'decided_by',
        'external_organization_id',
        'inviter_id',
        'link_expires_at',
        'message',
        'rejection_reason',
        'sent_at',
      ],
      folders: ['created_by', 'deleted_at', 'deleted_by', 'guest_access', 'parent_id', 'trash_root_id', 'visibility'],
      documents: ['created_by', 'deleted_at', 'deleted_by', 'trash_root_id', 'updated_by'],
      document_versions: ['restored_from', 'uploaded_by'],
      tasks: ['completed_at', 'completed_by', 'created_by', 'due_on', 'updated_by'],
      task_assignees: [],
      task_checklist_items: ['done_at', 'done_by'],
      task_attachments: ['attached_by'],
      notes: ['created_by', 'updated_by'],
      note_versions: ['edited_by', 'restored_from'],
      activities: ['confirmed_at', 'confirmed_by', 'created_by', 'done_at', 'done_by', 'done_remark', 'updated_by'],
      activity_attendees: [],
      comments: ['created_by', 'deleted_at', 'edited_at'],
      comment_mentions: [],
      calendar_feeds: [],
      task_reminders: ['sent_at'],
      event_consumers: [],
      jobs: ['finished_at', 'last_error', 'locked_until'],
      notifications: ['actor_id', 'read_at', 'target_id', 'target_type', 'workspace_id'],
      notification_preferences: [],
      folder_watches: [],
      webhooks: ['created_by'],
      webhook_deliveries: ['delivered_at', 'event_seq', 'last_error', 'last_status_code'],
      webhook_attempts: ['error', 'status_code'],
      webhook_allowed_hosts: ['created_by'],
    });
  });
});
