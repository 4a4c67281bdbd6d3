import type { Kysely } from 'kysely';
import type { Actor } from '../authz/actor.js';
import { seesWorkspace } from '../authz/policies/workspace.policy.js';
import type { DB } from '../db/schema.js';
import { commentParents, isStreamTargetType, type StreamTargetType, visibleTargets } from '../modules/activity-stream/stream-targets.js';
import type { DomainEvent } from './domain-event.js';

/** Whether this person may enter the event's workspace now: the workspace policy's own rule. */
export const entersWorkspace = (actor: Actor, workspaceId: string): boolean => seesWorkspace(actor, { id: workspaceId });

export interface SeenItem {
  type: string;
  id: string;
  title: string;
}

/**
 * The item an event is about, as this reader may see it now (a comment's event is about the item
 * it is on), or null: the same scoped queries as the lists and the activity stream, so no event,
 * notification or stream message names to anyone what a read would not show them.
 */
export async function itemSeenBy(db: Kysely<DB>, actor: Actor, event: DomainEvent): Promise<SeenItem | null> {
  if (!event.workspaceId || !entersWorkspace(actor, event.workspaceId)) return null;
  if (event.internal && !(actor.type === 'user' && actor.kind === 'employee')) return null;
  let ref: { type: string; id: string } | undefined =
    event.targetType && event.targetId ? { type: event.targetType, id: event.targetId } : undefined;
  // A deletion is about a comment that is gone by now: its thread is still on the reader's screen.
  if (ref?.type === 'comment')
    ref = (await commentParents(db, actor, [ref.id], { deleted: event.action === 'comment.deleted' })).get(ref.id);
  if (!ref || !isStreamTargetType(ref.type)) return null;
  const found = await visibleTargets(db, actor, event.workspaceId, [{ type: ref.type, id: ref.id }]);
  return found.get(`${ref.type}:${ref.id}`) ?? null;
}

interface NotifiedRow {
  id: string;
  workspace_id: string | null;
  target_type: string | null;
  target_id: string | null;
}

/**
 * The ids of those notifications whose item this reader may still see now. One about a workspace,
 * an invitation or nothing in particular passes; one about an item that has since turned internal,
 * gone to the trash or out of reach does not, so no e-mail names it.
 */
export async function stillSeenBy(db: Kysely<DB>, actor: Actor, rows: readonly NotifiedRow[]): Promise<Set<string>> {
  const seen = new Set<string>();
  const byWorkspace = new Map<string, { id: string; ref: { type: StreamTargetType; id: string } }[]>();
  for (const row of rows) {
    if (!row.workspace_id || !row.target_type || !row.target_id || !isStreamTargetType(row.target_type)) {
      seen.add(row.id);
      continue;
    }
    const about = byWorkspace.get(row.workspace_id) ?? [];
    about.push({ id: row.id, ref: { type: row.target_type, id: row.target_id } });
    byWorkspace.set(row.workspace_id, about);
  }
  for (const [workspaceId, about] of byWorkspace) {
    const visible = await visibleTargets(
      db,
      actor,
      workspaceId,
      about.map((a) => a.ref),
    );
    for (const { id, ref } of about) if (visible.has(`${ref.type}:${ref.id}`)) seen.add(id);
  }
  return seen;
}
