import { Readable } from 'node:stream';
import { record } from '../../audit/record.js';
import { type Actor, authorize, requireUser } from '../../authz/index.js';
import { readsAuditOf } from '../../authz/policies/organization.policy.js';
import type { AppContext, RequestMeta } from '../../context.js';
import { invalid, notFound } from '../../http/problems.js';
import { badCursor, decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { visibleIds } from '../directory/person-ref.js';
import { auditCsvHeader, auditCsvRow } from './audit.csv.js';
import { type AuditEntry, presentAuditEntry } from './audit.presenter.js';
import { type AuditFilter, type AuditRow, lastSeq, listAuditEvents, workspaceExists } from './audit.repo.js';

export const AUDIT_EXPORT_FORMATS = ['csv', 'json'] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

/** Entries read per query while an export streams: memory stays bounded however long the log is. */
export const EXPORT_BATCH = 500;

export interface AuditQuery {
  actorId?: string;
  workspaceId?: string;
  action?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

/**
 * `action`: an exact action name, or a prefix when it ends with `.` or `*` (`invitation.` and
 * `invitation.*` both match every `invitation.…` action).
 */
export function parseAction(action: string): NonNullable<AuditFilter['action']> {
  if (action.endsWith('*')) return { prefix: action.slice(0, -1) };
  if (action.endsWith('.')) return { prefix: action };
  return { exact: action };
}

/** An ISO instant in the stored form; what the format allows but no clock shows (a leap second) is refused. */
function instant(value: string, field: 'from' | 'to'): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw invalid(`/querystring/${field}`, 'is not an instant');
  return date.toISOString();
}

/**
 * Who may read which part of the log, and the filter the caller asked for: anonymous → 401; signed
 * in but reading no part of the log → 403; a workspace outside the caller's part, or one that does
 * not exist → 404 (the same answer).
 */
async function resolveFilter(ctx: AppContext, actor: Actor, query: AuditQuery): Promise<AuditFilter> {
  requireUser(actor);
  authorize(actor, 'organization', 'read_audit', null);
  const filter: AuditFilter = {};
  if (query.workspaceId !== undefined) {
    if (!readsAuditOf(actor, query.workspaceId) || !(await workspaceExists(ctx.db, query.workspaceId))) throw notFound();
    filter.workspaceId = query.workspaceId;
  }
  if (query.actorId !== undefined) filter.actorId = query.actorId;
  if (query.action !== undefined) filter.action = parseAction(query.action);
  // Instants are compared as stored: UTC, `toISOString()` form, whatever offset the caller wrote.
  if (query.from !== undefined) filter.from = instant(query.from, 'from');
  if (query.to !== undefined) filter.to = instant(query.to, 'to');
  if (filter.from !== undefined && filter.to !== undefined && filter.to <= filter.from)
    throw invalid('/querystring/to', 'must be later than from');
  return filter;
}

/** The people of these entries the reader may see by name (the directory rule); one query per page. */
async function presenter(ctx: AppContext, actor: Actor, rows: AuditRow[]): Promise<(row: AuditRow) => AuditEntry> {
  const visible = await visibleIds(
    ctx.db,
    actor,
    rows.map((r) => r.actor_id),
  );
  return (row) => presentAuditEntry(row, visible);
}

function cursorSeq(cursor: string): number {
  const { seq } = decodeCursor(cursor, ['seq']);
  // Entry numbers are 32-bit integers on PostgreSQL: anything larger was never handed out.
  if (!/^[1-9]\d{0,9}$/.test(seq) || Number(seq) > 2_147_483_647) throw badCursor();
  return Number(seq);
}

export async function listAudit(ctx: AppContext, actor: Actor, query: AuditQuery) {
  const filter = await resolveFilter(ctx, actor, query);
  const limit = query.limit ?? 50;
  const beforeSeq = query.cursor !== undefined ? cursorSeq(query.cursor) : undefined;
  const rows = await listAuditEvents(ctx.db, actor, filter, { limit: limit + 1, ...(beforeSeq !== undefined ? { beforeSeq } : {}) });
  const page = rows.slice(0, limit);
  const present = await presenter(ctx, actor, page);
  const last = page.at(-1);
  return {
    items: page.map(present),
    nextCursor: rows.length > limit && last ? encodeCursor({ seq: String(last.seq) }) : null,
  };
}

/**
 * Every matching entry up to `upToSeq`, newest first, a batch at a time: the next batch is read only
 * when the response has taken the previous one.
 */
async function* entries(ctx: AppContext, actor: Actor, filter: AuditFilter, upToSeq: number): AsyncGenerator<AuditEntry[]> {
  let beforeSeq = upToSeq + 1;
  for (;;) {
    const rows = await listAuditEvents(ctx.db, actor, filter, { limit: EXPORT_BATCH, beforeSeq });
    const last = rows.at(-1);
    if (!last) return;
    const present = await presenter(ctx, actor, rows);
    yield rows.map(present);
    if (rows.length < EXPORT_BATCH) return;
    beforeSeq = last.seq;
  }
}

async function* csvChunks(batches: AsyncIterable<AuditEntry[]>): AsyncGenerator<string> {
  yield auditCsvHeader();
  for await (const batch of batches) yield batch.map(auditCsvRow).join('');
}

/** A JSON array, written as it is read: `[`, the entries separated by commas, `]`. */
async function* jsonChunks(batches: AsyncIterable<AuditEntry[]>): AsyncGenerator<string> {
  yield '[';
  let first = true;
  for await (const batch of batches) {
    if (batch.length === 0) continue;
    yield `${first ? '\n' : ',\n'}${batch.map((e) => JSON.stringify(e)).join(',\n')}`;
    first = false;
  }
  yield first ? ']\n' : '\n]\n';
}

export interface AuditExport {
  body: Readable;
  contentType: string;
  filename: string;
}

/**
 * Every matching entry (no pages) as a streamed download. The export is recorded first
 * (`audit.exported`, with the filters) and covers the log as it was just before that entry, so a
 * download that breaks off half-way is still on record and the file never lists itself.
 */
/** The checks of an export (who may read which part, the filters) without reading or recording anything. */
export async function assertExportable(ctx: AppContext, actor: Actor, query: AuditQuery): Promise<void> {
  await resolveFilter(ctx, actor, query);
}

export async function exportAudit(
  ctx: AppContext,
  actor: Actor,
  query: AuditQuery,
  format: AuditExportFormat,
  meta: RequestMeta,
): Promise<AuditExport> {
  const filter = await resolveFilter(ctx, actor, query);
  const caller = requireUser(actor);
  const filters = Object.fromEntries(
    (['actorId', 'workspaceId', 'action', 'from', 'to'] as const).filter((k) => query[k] !== undefined).map((k) => [k, query[k]]),
  );
  const upToSeq = await ctx.db.transaction().execute(async (trx) => {
    await record(trx, {
      actorId: caller.id,
      action: 'audit.exported',
      workspaceId: filter.workspaceId ?? null,
      ip: meta.ip,
      details: { format, filters },
    });
    // The chain is locked for this transaction: the newest entry is the one just written.
    return (await lastSeq(trx)) - 1;
  });
  const batches = entries(ctx, actor, filter, upToSeq);
  const chunks = format === 'csv' ? csvChunks(batches) : jsonChunks(batches);
  const date = new Date().toISOString().slice(0, 10);
  return {
    body: Readable.from(chunks, { objectMode: false }),
    contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
    filename: `foyer-audit-${date}.${format}`,
  };
}
