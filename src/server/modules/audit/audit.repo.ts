import { type Kysely, type Selectable, sql } from 'kysely';
import type { Actor } from '../../authz/actor.js';
import { visibleAuditEvents } from '../../authz/scope.js';
import type { AuditEventsTable, DB } from '../../db/schema.js';

/** An audit entry with the names it mentions, from the same query (one query per page, not per row). */
export type AuditRow = Selectable<AuditEventsTable> & {
  actor_name: string | null;
  actor_email: string | null;
  workspace_name: string | null;
};

/** What the reader asked for; every part narrows the caller's own part of the log further. */
export interface AuditFilter {
  actorId?: string;
  workspaceId?: string;
  action?: { exact: string } | { prefix: string };
  /** Inclusive, as stored (`toISOString()`). */
  from?: string;
  /** Exclusive, as stored. */
  to?: string;
}

/** LIKE's wildcards in a prefix taken literally. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Newest first by `seq`: at most `limit` entries the caller reads that match the filter, below
 * `beforeSeq` when given (the cursor, or the previous batch of an export).
 */
export async function listAuditEvents(
  db: Kysely<DB>,
  actor: Actor,
  filter: AuditFilter,
  page: { limit: number; beforeSeq?: number },
): Promise<AuditRow[]> {
  let select = db
    .selectFrom('audit_events')
    .leftJoin('users', 'users.id', 'audit_events.actor_id')
    .leftJoin('workspaces', 'workspaces.id', 'audit_events.workspace_id')
    .selectAll('audit_events')
    .select(['users.name as actor_name', 'users.email as actor_email', 'workspaces.name as workspace_name'])
    .where(visibleAuditEvents(actor));
  if (filter.actorId !== undefined) select = select.where('audit_events.actor_id', '=', filter.actorId);
  if (filter.workspaceId !== undefined) select = select.where('audit_events.workspace_id', '=', filter.workspaceId);
  const action = filter.action;
  if (action && 'exact' in action) select = select.where('audit_events.action', '=', action.exact);
  // Explicit ESCAPE: SQLite has no default escape character, PostgreSQL does; this makes them agree.
  if (action && 'prefix' in action)
    select = select.where(sql<boolean>`audit_events.action like ${`${escapeLike(action.prefix)}%`} escape '\\'`);
  if (filter.from !== undefined) select = select.where('audit_events.occurred_at', '>=', filter.from);
  if (filter.to !== undefined) select = select.where('audit_events.occurred_at', '<', filter.to);
  if (page.beforeSeq !== undefined) select = select.where('audit_events.seq', '<', page.beforeSeq);
  const rows = await select.orderBy('audit_events.seq', 'desc').limit(page.limit).execute();
  // PostgreSQL may hand back integers as they are declared; keep the row's numbers numbers.
  return rows.map((row) => ({ ...row, seq: Number(row.seq), internal: Number(row.internal) as AuditRow['internal'] }));
}

/** The newest entry's number (0 for an empty log). */
export async function lastSeq(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

export async function workspaceExists(db: Kysely<DB>, id: string): Promise<boolean> {
  return (await db.selectFrom('workspaces').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}
