import { Type } from 'typebox';
import { IdSchema, listOf, Nullable, TimestampSchema } from '../../http/schemas.js';
import { UNKNOWN_USER } from '../directory/person-ref.js';
import type { AuditRow } from './audit.repo.js';

/** A workspace whose row is gone (its entries outlive it). */
export const UNKNOWN_WORKSPACE = 'Unknown workspace';

export const AuditEntrySchema = Type.Object({
  seq: Type.Integer({ description: 'Place in the tamper-evident chain; the list is newest first by it' }),
  id: IdSchema,
  occurredAt: TimestampSchema,
  actor: Nullable(
    Type.Object(
      { id: IdSchema, name: Type.String(), email: Type.Optional(Type.String()) },
      { description: 'Who did it; "Unknown user" (without e-mail) for someone the directory rule hides from the reader' },
    ),
  ),
  action: Type.String({ description: 'e.g. `auth.sign_in`, `member.added`, `document.downloaded`' }),
  target: Nullable(Type.Object({ type: Type.String(), id: Type.String() })),
  workspace: Nullable(Type.Object({ id: IdSchema, name: Type.String() })),
  ip: Nullable(Type.String()),
  details: Type.Object({}, { additionalProperties: true, description: 'What the action was about, as recorded' }),
  hash: Type.String(),
  prevHash: Type.String(),
});

export const AuditPageSchema = listOf(AuditEntrySchema);

export interface AuditEntry {
  seq: number;
  id: string;
  occurredAt: string;
  actor: { id: string; name: string; email?: string } | null;
  action: string;
  target: { type: string; id: string } | null;
  workspace: { id: string; name: string } | null;
  ip: string | null;
  details: Record<string, unknown>;
  hash: string;
  prevHash: string;
}

function parseDetails(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // an entry written by hand; shown as having no details rather than failing the whole page
  }
  return {};
}

/** One entry as the reader sees it; `visible` holds the people the directory rule shows them. */
export function presentAuditEntry(row: AuditRow, visible: ReadonlySet<string>): AuditEntry {
  let actor: AuditEntry['actor'] = null;
  if (row.actor_id !== null) {
    actor =
      visible.has(row.actor_id) && row.actor_name !== null
        ? { id: row.actor_id, name: row.actor_name, ...(row.actor_email !== null ? { email: row.actor_email } : {}) }
        : { id: row.actor_id, name: UNKNOWN_USER };
  }
  return {
    seq: row.seq,
    id: row.id,
    occurredAt: row.occurred_at,
    actor,
    action: row.action,
    target: row.target_type !== null && row.target_id !== null ? { type: row.target_type, id: row.target_id } : null,
    workspace: row.workspace_id !== null ? { id: row.workspace_id, name: row.workspace_name ?? UNKNOWN_WORKSPACE } : null,
    ip: row.ip,
    details: parseDetails(row.details),
    hash: row.hash,
    prevHash: row.prev_hash,
  };
}
