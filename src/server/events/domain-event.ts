import type { AuditAction } from '../audit/record.js';

/**
 * A domain event: an entry of the audit log, read back by the consumers that turn it into
 * notifications, e-mails, real-time messages and webhook deliveries (decision 020).
 */
export interface DomainEvent {
  seq: number;
  id: string;
  occurredAt: string;
  actorId: string | null;
  action: AuditAction;
  targetType: string | null;
  targetId: string | null;
  workspaceId: string | null;
  /** About something guests could not see at the time. */
  internal: boolean;
  details: Record<string, unknown>;
}

export interface EventRow {
  seq: number;
  id: string;
  occurred_at: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  workspace_id: string | null;
  internal: number;
  details: string;
}

export const EVENT_COLUMNS = [
  'seq',
  'id',
  'occurred_at',
  'actor_id',
  'action',
  'target_type',
  'target_id',
  'workspace_id',
  'internal',
  'details',
] as const;

export function toDomainEvent(row: EventRow): DomainEvent {
  let details: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(row.details);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) details = parsed as Record<string, unknown>;
  } catch {
    // A row whose details do not parse still tells its action and target.
  }
  return {
    seq: Number(row.seq),
    id: row.id,
    occurredAt: row.occurred_at,
    actorId: row.actor_id,
    action: row.action as AuditAction,
    targetType: row.target_type,
    targetId: row.target_id,
    workspaceId: row.workspace_id,
    internal: Number(row.internal) === 1,
    details,
  };
}

/** A list of ids from an event's details (e.g. `assigneeIds`); anything else reads as empty. */
export function idsIn(details: Record<string, unknown>, key: string): string[] {
  const value = details[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
