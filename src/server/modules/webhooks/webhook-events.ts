import type { AuditAction } from '../../audit/record.js';
import type { DomainEvent } from '../../events/domain-event.js';

/**
 * The events integrators may subscribe to: what happens to workspaces and what is in them. Sign-ins,
 * accounts, settings and the audit log itself stay out: they are the administrators' business, and
 * webhook changes would otherwise announce themselves.
 */
export const WEBHOOK_EVENT_TYPES = [
  ['workspace.created', 'A workspace was created'],
  ['workspace.updated', 'A workspace’s name, description, fields or guest settings changed'],
  ['workspace.archived', 'A workspace was archived (read-only)'],
  ['workspace.restored', 'An archived workspace was restored'],
  ['member.added', 'Someone joined a workspace'],
  ['member.updated', 'A member’s role or end date changed'],
  ['member.removed', 'Someone was removed from a workspace'],
  ['member.expired', 'A membership reached its end date'],
  ['member.ending_soon', 'A guest’s membership ends soon (sponsor reminder)'],
  ['invitation.created', 'An invitation was created (it may await approval)'],
  ['invitation.sent', 'An invitation e-mail was sent'],
  ['invitation.resent', 'An invitation was sent again'],
  ['invitation.revoked', 'An invitation was revoked'],
  ['invitation.approved', 'An invitation was approved'],
  ['invitation.rejected', 'An invitation was rejected'],
  ['invitation.accepted', 'An invitation was accepted'],
  ['folder.created', 'A folder was created'],
  ['folder.updated', 'A folder was renamed, moved, or its visibility or guest access changed'],
  ['folder.trashed', 'A folder was moved to the trash'],
  ['folder.restored', 'A folder came back from the trash'],
  ['document.uploaded', 'A document or a new version of it was uploaded'],
  ['document.viewed', 'A document was opened'],
  ['document.downloaded', 'A document was downloaded'],
  ['document.updated', 'A document was renamed or moved'],
  ['document.trashed', 'A document was moved to the trash'],
  ['document.restored', 'A document came back from the trash'],
  ['document.version_restored', 'An older version of a document became the current one'],
  ['task.created', 'A task was created'],
  ['task.updated', 'A task was changed'],
  ['task.status_changed', 'A task’s status changed'],
  ['task.item_ticked', 'A checklist item was ticked or unticked'],
  ['task.document_attached', 'A document was attached to a task'],
  ['task.document_detached', 'A document was detached from a task'],
  ['task.due_soon', 'A task is due soon (reminder)'],
  ['note.created', 'A note was created'],
  ['note.updated', 'A note was changed'],
  ['note.restored', 'An older version of a note was restored'],
  ['activity.created', 'A planned activity was created'],
  ['activity.updated', 'A planned activity was changed'],
  ['activity.confirmed', 'An attendee confirmed a planned activity'],
  ['activity.done', 'A planned activity was marked as done'],
  ['comment.created', 'A comment was written'],
  ['comment.updated', 'A comment was edited'],
  ['comment.deleted', 'A comment was deleted'],
] as const satisfies readonly (readonly [AuditAction, string])[];

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number][0];

/** What a test delivery is called; never an event of the log. */
export const TEST_EVENT_TYPE = 'webhook.test';

const TYPES: ReadonlySet<string> = new Set(WEBHOOK_EVENT_TYPES.map(([type]) => type));

export function isWebhookEventType(type: string): type is WebhookEventType {
  return TYPES.has(type);
}

/** The body of a delivery, exactly as sent and signed; `id` is the delivery's (the receiver's dedupe key). */
export interface WebhookPayload {
  id: string;
  type: string;
  /** The audit entry it comes from (null for a test). */
  eventId: string | null;
  occurredAt: string;
  workspaceId: string | null;
  actor: { id: string } | null;
  target: { type: string; id: string } | null;
  data: Record<string, unknown>;
}

/** Recorded facts a receiver has no use for and that say where someone was. */
const DROPPED_DETAILS = new Set(['ip', 'userAgent']);

export function eventPayload(deliveryId: string, event: DomainEvent): string {
  const data = Object.fromEntries(Object.entries(event.details).filter(([key]) => !DROPPED_DETAILS.has(key)));
  const payload: WebhookPayload = {
    id: deliveryId,
    type: event.action,
    eventId: event.id,
    occurredAt: event.occurredAt,
    workspaceId: event.workspaceId,
    actor: event.actorId ? { id: event.actorId } : null,
    target: event.targetType && event.targetId ? { type: event.targetType, id: event.targetId } : null,
    data,
  };
  return JSON.stringify(payload);
}

export function testPayload(deliveryId: string, webhookId: string, actorId: string, now: string): string {
  const payload: WebhookPayload = {
    id: deliveryId,
    type: TEST_EVENT_TYPE,
    eventId: null,
    occurredAt: now,
    workspaceId: null,
    actor: { id: actorId },
    target: { type: 'webhook', id: webhookId },
    data: { message: 'A test delivery sent from Foyer. Answer with a 2xx status to mark it delivered.' },
  };
  return JSON.stringify(payload);
}
