import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import type { ActivityStatus } from '../../../shared/activities.js';
import type { Actor, UserActor } from '../../authz/actor.js';
import type { ActivityTarget } from '../../authz/policies/activity.policy.js';
import type { WorkspaceTarget } from '../../authz/policies/workspace.policy.js';
import { visibleActivities } from '../../authz/scope.js';
import type { ActivitiesTable, DB } from '../../db/schema.js';

export type ActivityRow = Selectable<ActivitiesTable>;

export interface ActivityDetails {
  activity: ActivityRow;
  attendeeIds: string[];
}

export async function findActivity(db: Kysely<DB>, id: string): Promise<ActivityRow | undefined> {
  return db.selectFrom('activities').selectAll().where('id', '=', id).executeTakeFirst();
}

export function activityTarget(activity: ActivityRow, attendeeIds: readonly string[], workspace: WorkspaceTarget): ActivityTarget {
  return { id: activity.id, workspace, visibility: activity.visibility, attendeeIds };
}

/** Attendees of many activities: one query however many activities. */
export async function detailsOf(db: Kysely<DB>, activities: ActivityRow[]): Promise<ActivityDetails[]> {
  if (activities.length === 0) return [];
  const attendees = await db
    .selectFrom('activity_attendees')
    .select(['activity_id', 'user_id'])
    .where(
      'activity_id',
      'in',
      activities.map((a) => a.id),
    )
    .orderBy('user_id')
    .execute();
  return activities.map((activity) => ({
    activity,
    attendeeIds: attendees.filter((a) => a.activity_id === activity.id).map((a) => a.user_id),
  }));
}

export interface ActivityWindow {
  /** Activities still running at or after this instant. */
  from?: string;
  /** Activities starting before this instant. */
  to?: string;
  status?: ActivityStatus[];
}

/** A workspace's activities the caller may see (internal ones never reach a guest), by start. */
export async function listWorkspaceActivities(db: Kysely<DB>, actor: Actor, workspaceId: string, window: ActivityWindow, limit: number) {
  let query = db
    .selectFrom('activities')
    .selectAll('activities')
    .where('activities.workspace_id', '=', workspaceId)
    .where(visibleActivities(actor));
  if (window.from) query = query.where('activities.ends_at', '>', window.from);
  if (window.to) query = query.where('activities.starts_at', '<', window.to);
  if (window.status?.length) query = query.where('activities.status', 'in', window.status);
  return query.orderBy('activities.starts_at').orderBy('activities.id').limit(limit).execute();
}

/**
 * Activities in the workspaces the caller is a member of (or attends), by start: "Planned
 * activities" and the calendar feed. Administrators see their own workspaces here, not everyone's.
 */
export async function listMyActivities(
  db: Kysely<DB>,
  actor: UserActor,
  options: ActivityWindow & { workspaceId?: string; attending?: boolean; orOrganized?: boolean; after?: { at: string; id: string } },
  limit: number,
) {
  const mine = [...actor.memberships.keys()];
  const attended = (eb: ExpressionBuilder<DB, 'activities'>) =>
    eb(
      'activities.id',
      'in',
      eb.selectFrom('activity_attendees').select('activity_attendees.activity_id').where('activity_attendees.user_id', '=', actor.id),
    );
  let query = db
    .selectFrom('activities')
    .innerJoin('workspaces', 'workspaces.id', 'activities.workspace_id')
    .selectAll('activities')
    .select('workspaces.name as workspace_name')
    .where(visibleActivities(actor))
    .where((eb) => eb.or([eb('activities.workspace_id', 'in', mine.length > 0 ? mine : ['']), attended(eb)]));
  // Filtered in the query, before the limit: what the person attends (or organized) is never crowded out by the rest.
  if (options.attending)
    query = query.where((eb) => (options.orOrganized ? eb.or([attended(eb), eb('activities.created_by', '=', actor.id)]) : attended(eb)));
  if (options.workspaceId) query = query.where('activities.workspace_id', '=', options.workspaceId);
  if (options.from) query = query.where('activities.ends_at', '>', options.from);
  if (options.to) query = query.where('activities.starts_at', '<', options.to);
  if (options.status?.length) query = query.where('activities.status', 'in', options.status);
  const after = options.after;
  if (after)
    query = query.where((eb) =>
      eb.or([
        eb('activities.starts_at', '>', after.at),
        eb.and([eb('activities.starts_at', '=', after.at), eb('activities.id', '>', after.id)]),
      ]),
    );
  return query.orderBy('activities.starts_at').orderBy('activities.id').limit(limit).execute();
}
