import type { Kysely } from 'kysely';
import type { NotificationKind } from '../../../shared/notifications.js';
import type { DB } from '../../db/schema.js';
import { type DomainEvent, idsIn } from '../../events/domain-event.js';
import { normalizeEmail } from '../../lib/email.js';

/**
 * Who an event concerns and how each may read it: `item` needs the item itself to be visible to
 * them (tasks, documents, mentions), `workspace` only the workspace (joined, access ending),
 * `invitee` nothing more than what the invitation page shows.
 */
export interface Draft {
  userId: string;
  kind: NotificationKind;
  check: 'item' | 'workspace' | 'invitee';
}

const each = (ids: Iterable<string>, kind: NotificationKind, check: Draft['check'] = 'item'): Draft[] =>
  [...new Set(ids)].map((userId) => ({ userId, kind, check }));

const added = (details: Record<string, unknown>, key: string, before: string): string[] => {
  const previous = new Set(idsIn(details, before));
  return idsIn(details, key).filter((id) => !previous.has(id));
};

async function attendeesOf(db: Kysely<DB>, activityId: string): Promise<string[]> {
  const rows = await db.selectFrom('activity_attendees').select('user_id').where('activity_id', '=', activityId).execute();
  return rows.map((r) => r.user_id);
}

/** Watchers of the folder a document is in, and the workspace's managers when it is a drop box. */
async function uploadAudience(db: Kysely<DB>, documentId: string, workspaceId: string): Promise<string[]> {
  const doc = await db
    .selectFrom('documents')
    .innerJoin('folders', 'folders.id', 'documents.folder_id')
    .select(['folders.id as folder_id', 'folders.effective_guest_access'])
    .where('documents.id', '=', documentId)
    .executeTakeFirst();
  if (!doc) return [];
  const watchers = await db.selectFrom('folder_watches').select('user_id').where('folder_id', '=', doc.folder_id).execute();
  const ids = watchers.map((w) => w.user_id);
  if (doc.effective_guest_access === 'upload') {
    const managers = await db
      .selectFrom('memberships')
      .select('user_id')
      .where('workspace_id', '=', workspaceId)
      .where('role', '=', 'manager')
      .where('status', '=', 'active')
      .execute();
    ids.push(...managers.map((m) => m.user_id));
  }
  return ids;
}

/** The people an event concerns, before any check of what each may see. */
export async function draftsFor(db: Kysely<DB>, event: DomainEvent): Promise<Draft[]> {
  const d = event.details;
  switch (event.action) {
    case 'invitation.sent':
    case 'invitation.approved': {
      if (typeof d.email !== 'string' || !event.targetId) return [];
      // Only someone who had an account then, for an invitation still open: one accepted since
      // (or made with its acceptance) needs no notice.
      const open = await db
        .selectFrom('invitations')
        .select('id')
        .where('id', '=', event.targetId)
        .where('status', '=', 'sent')
        .executeTakeFirst();
      if (!open) return [];
      const user = await db
        .selectFrom('users')
        .select('id')
        .where('email', '=', normalizeEmail(d.email))
        .where('created_at', '<=', event.occurredAt)
        .executeTakeFirst();
      return user ? each([user.id], 'invited', 'invitee') : [];
    }
    case 'invitation.accepted':
      return event.actorId ? each([event.actorId], 'added_to_workspace', 'workspace') : [];
    case 'task.created':
      return each(idsIn(d, 'assigneeIds'), 'task_assigned');
    case 'task.updated':
      return each(added(d, 'assigneeIds', 'previousAssigneeIds'), 'task_assigned');
    case 'task.due_soon':
      return typeof d.userId === 'string' ? each([d.userId], 'task_due_soon') : [];
    case 'comment.created':
      return each(idsIn(d, 'mentionIds'), 'mentioned');
    case 'comment.updated':
      return each(added(d, 'mentionIds', 'previousMentionIds'), 'mentioned');
    case 'document.uploaded':
      return event.targetId && event.workspaceId
        ? each(await uploadAudience(db, event.targetId, event.workspaceId), 'document_uploaded')
        : [];
    case 'activity.created':
      return each(idsIn(d, 'attendeeIds'), 'activity_planned');
    case 'activity.updated': {
      if (!event.targetId) return [];
      const fresh = new Set(added(d, 'attendeeIds', 'previousAttendeeIds'));
      const attendees = await attendeesOf(db, event.targetId);
      return [
        ...each(fresh, 'activity_planned'),
        ...each(
          attendees.filter((id) => !fresh.has(id)),
          'activity_changed',
        ),
      ];
    }
    case 'activity.confirmed':
    case 'activity.done': {
      if (!event.targetId) return [];
      const row = await db.selectFrom('activities').select('created_by').where('id', '=', event.targetId).executeTakeFirst();
      return row?.created_by ? each([row.created_by], 'activity_confirmed') : [];
    }
    case 'member.ending_soon': {
      const ids = [event.targetId, typeof d.sponsorId === 'string' ? d.sponsorId : null].filter((id): id is string => !!id);
      return each(ids, 'membership_ending', 'workspace');
    }
    default:
      return [];
  }
}
