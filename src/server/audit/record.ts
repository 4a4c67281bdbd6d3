import type { Kysely } from 'kysely';
import { serialize } from '../db/locks.js';
import type { DB } from '../db/schema.js';
import { newId } from '../lib/ids.js';
import { type ChainedFields, entryHash, GENESIS } from './chain.js';

export type AuditAction =
  | 'auth.sign_in'
  | 'auth.sign_in_failed'
  | 'auth.sign_out'
  | 'auth.password_changed'
  | 'auth.password_reset_requested'
  | 'auth.password_reset'
  | 'setup.completed'
  | 'user.created'
  | 'user.suspended'
  | 'user.reactivated'
  | 'user.role_changed'
  | 'user.updated'
  | 'api_token.created'
  | 'api_token.revoked'
  | 'settings.changed'
  | 'user.extranet_changed'
  | 'topic.created'
  | 'topic.renamed'
  | 'topic.deleted'
  | 'external_organization.created'
  | 'external_organization.updated'
  | 'external_organization.deleted'
  | 'workspace.created'
  | 'workspace.updated'
  | 'workspace.archived'
  | 'workspace.restored'
  | 'member.added'
  | 'member.updated'
  | 'member.removed'
  | 'member.expired'
  | 'invitation.created'
  | 'invitation.sent'
  | 'invitation.resent'
  | 'invitation.revoked'
  | 'invitation.approved'
  | 'invitation.rejected'
  | 'invitation.accepted'
  | 'invitation.accept_failed'
  | 'guest.suspended_without_workspace'
  | 'exposure.bulk_revoked'
  | 'exposure.bulk_extended'
  | 'folder.created'
  | 'folder.updated'
  | 'folder.trashed'
  | 'folder.restored'
  | 'document.uploaded'
  | 'document.viewed'
  | 'document.downloaded'
  | 'document.updated'
  | 'document.trashed'
  | 'document.restored'
  | 'document.version_restored'
  | 'trash.emptied'
  | 'trash.purged'
  | 'task.created'
  | 'task.updated'
  | 'task.status_changed'
  | 'task.item_ticked'
  | 'task.document_attached'
  | 'task.document_detached'
  | 'note.created'
  | 'note.updated'
  | 'note.restored'
  | 'activity.created'
  | 'activity.updated'
  | 'activity.confirmed'
  | 'activity.done'
  | 'comment.created'
  | 'comment.updated'
  | 'comment.deleted'
  | 'calendar.regenerated'
  | 'audit.purged'
  | 'audit.exported'
  | 'task.due_soon'
  | 'member.ending_soon'
  | 'webhook.created'
  | 'webhook.updated'
  | 'webhook.deleted'
  | 'webhook.tested'
  | 'webhook.redelivered'
  | 'webhook.allowed_host_added'
  | 'webhook.allowed_host_removed'
  | 'notification_preferences.changed';

export interface AuditEntry {
  actorId: string | null;
  action: AuditAction;
  target?: { type: string; id: string };
  /** The workspace the action happened in, so managers can read their workspace's part of the log. */
  workspaceId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
  /** About something guests could not see at the time (an internal item): kept from them for good. */
  internal?: boolean;
}

/**
 * The one way anything is written to the audit log; pass the use case's transaction so both commit
 * together. Each entry is chained to the one before it (see `chain.ts`): writers take turns for the
 * link, on PostgreSQL with a transaction lock, on SQLite by its single writer. That lock is held to
 * the end of the transaction, so a use case takes every other lock (and locks every row it will
 * change) before its first entry.
 */
export async function record(db: Kysely<DB>, entry: AuditEntry): Promise<void> {
  if (!db.isTransaction) return db.transaction().execute((trx) => record(trx, entry));
  await serialize(db, 'audit-chain');
  const last = await db.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const fields: ChainedFields = {
    seq: (last?.seq ?? 0) + 1,
    id: newId(),
    occurred_at: new Date().toISOString(),
    actor_id: entry.actorId,
    action: entry.action,
    target_type: entry.target?.type ?? null,
    target_id: entry.target?.id ?? null,
    ip: entry.ip ?? null,
    details: JSON.stringify(entry.details ?? {}),
    workspace_id: entry.workspaceId ?? null,
    internal: entry.internal ? 1 : 0,
    prev_hash: last?.hash ?? GENESIS,
  };
  await db
    .insertInto('audit_events')
    .values({ ...fields, hash: entryHash(fields) })
    .execute();
}
