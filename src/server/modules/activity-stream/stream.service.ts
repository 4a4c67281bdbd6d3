import type { Kysely } from 'kysely';
import type { Actor } from '../../authz/actor.js';
import { can } from '../../authz/index.js';
import { streamableEvents } from '../../authz/scope.js';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/schema.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { peopleFor } from '../directory/person-ref.js';
import { loadWorkspace } from '../workspaces/workspace-access.js';
import { workspaceTarget } from '../workspaces/workspaces.repo.js';
import { commentParents, isStreamTargetType, type StreamTarget, type StreamTargetType, visibleTargets } from './stream-targets.js';

/** What the stream tells, as audit actions; anything else (views, downloads, settings) stays in the audit log. */
export const STREAM_ACTIONS = [
  'task.created',
  'task.updated',
  'task.status_changed',
  'task.item_ticked',
  'task.document_attached',
  'note.created',
  'note.updated',
  'note.restored',
  'activity.created',
  'activity.updated',
  'activity.confirmed',
  'activity.done',
  'document.uploaded',
  'document.updated',
  'document.restored',
  'document.version_restored',
  'folder.created',
  'comment.created',
  'invitation.accepted',
] as const;
export type StreamAction = (typeof STREAM_ACTIONS)[number];
/** What the reader is told: the audit action, except that an accepted invitation reads "joined". */
export type StreamKind = Exclude<StreamAction, 'invitation.accepted'> | 'member.joined';
export const STREAM_KINDS: StreamKind[] = [...STREAM_ACTIONS.filter((a) => a !== 'invitation.accepted'), 'member.joined'];
const kindOf = (action: string) => (action === 'invitation.accepted' ? 'member.joined' : action) as StreamKind;

/** Audit rows are read in pages of this size until the answer is full; each page costs a few queries. */
const SCAN = 200;
const MAX_SCANNED = 2_000;

interface EventRow {
  id: string;
  occurred_at: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
}

async function eventsPage(db: Kysely<DB>, actor: Actor, workspaceId: string, after: { at: string; id: string } | null, limit: number) {
  let query = db
    .selectFrom('audit_events')
    .select(['id', 'occurred_at', 'actor_id', 'action', 'target_type', 'target_id'])
    .where('workspace_id', '=', workspaceId)
    .where('action', 'in', [...STREAM_ACTIONS]);
  // What happened to an item while it was internal stays internal after it is shared.
  query = query.where(streamableEvents(actor));
  if (after)
    query = query.where((eb) =>
      eb.or([eb('occurred_at', '<', after.at), eb.and([eb('occurred_at', '=', after.at), eb('id', '<', after.id)])]),
    );
  return query.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** Each event with the item it is about, if the reader may see that item now; others are left out. */
async function visibleEvents(db: Kysely<DB>, actor: Actor, workspaceId: string, rows: EventRow[], seesMembers: boolean) {
  const comments = await commentParents(
    db,
    actor,
    rows.filter((r) => r.target_type === 'comment' && r.target_id).map((r) => r.target_id as string),
  );
  const subjectOf = (row: EventRow): { type: StreamTargetType; id: string } | null => {
    const ref = row.target_type === 'comment' ? comments.get(row.target_id ?? '') : { type: row.target_type, id: row.target_id };
    return ref?.type && ref.id && isStreamTargetType(ref.type) ? { type: ref.type, id: ref.id } : null;
  };
  const refs = rows.map(subjectOf).filter((r) => r !== null);
  const targets = await visibleTargets(db, actor, workspaceId, refs);
  return rows.flatMap((row): { row: EventRow; target: StreamTarget | null }[] => {
    if (row.action === 'invitation.accepted') return seesMembers ? [{ row, target: null }] : [];
    const subject = subjectOf(row);
    const target: StreamTarget | undefined = subject ? targets.get(`${subject.type}:${subject.id}`) : undefined;
    return target ? [{ row, target }] : [];
  });
}

/**
 * What changed in a workspace, newest first, filtered for the reader: an event shows only while its
 * item is one the reader may see (guests never hear of internal items), named by its current title.
 */
export async function workspaceStream(ctx: AppContext, actor: Actor, workspaceId: string, query: { cursor?: string; limit?: number }) {
  const { row: workspace } = await loadWorkspace(ctx, actor, workspaceId, 'read');
  const limit = query.limit ?? 50;
  const seesMembers = can(actor, 'workspace', 'read_members', workspaceTarget(workspace));
  let after = query.cursor ? decodeCursor(query.cursor, ['at', 'id'] as const) : null;
  const found: Awaited<ReturnType<typeof visibleEvents>> = [];
  let scanned = 0;
  let exhausted = false;
  while (found.length < limit && scanned < MAX_SCANNED) {
    const rows = await eventsPage(ctx.db, actor, workspaceId, after, SCAN);
    scanned += rows.length;
    for (const event of await visibleEvents(ctx.db, actor, workspaceId, rows, seesMembers)) {
      if (found.length === limit) break;
      found.push(event);
    }
    const last = found.length === limit ? found[found.length - 1]?.row : rows[rows.length - 1];
    if (last) after = { at: last.occurred_at, id: last.id };
    if (rows.length < SCAN && found.length < limit) {
      exhausted = true;
      break;
    }
  }
  const person = await peopleFor(
    ctx.db,
    actor,
    found.map((e) => e.row.actor_id),
  );
  return {
    items: found.map(({ row, target }) => ({
      id: row.id,
      at: row.occurred_at,
      actor: person(row.actor_id),
      action: kindOf(row.action),
      target: target && { ...target, ...(row.target_type === 'comment' ? { via: 'comment' as const } : {}) },
    })),
    // A full page, or a long stretch the reader may not see: there may be more further back.
    nextCursor: !exhausted && after ? encodeCursor(after) : null,
  };
}
