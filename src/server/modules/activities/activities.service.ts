import {
  ACTIVITY_LIMITS,
  type ActivityAction,
  type ActivityStatus,
  type ActivityVisibility,
  canonicalTimeZone,
} from '../../../shared/activities.js';
import { type AuditAction, record } from '../../audit/record.js';
import { type Actor, authorize, requireUser } from '../../authz/index.js';
import type { AppContext, RequestMeta } from '../../context.js';
import { assertIfMatch, preconditionFailed } from '../../http/preconditions.js';
import { conflict, invalid, notFound } from '../../http/problems.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { newId } from '../../lib/ids.js';
import { peopleFor } from '../directory/person-ref.js';
import { pickMembers } from '../members/pick-members.js';
import { assertChangeable, loadWorkspace } from '../workspaces/workspace-access.js';
import { findWorkspace, findWorkspaces, type WorkspaceRow, workspaceTarget } from '../workspaces/workspaces.repo.js';
import { activityEtag, peopleOf, presentActivity } from './activities.presenter.js';
import {
  type ActivityDetails,
  type ActivityRow,
  type ActivityWindow,
  activityTarget,
  detailsOf,
  findActivity,
  listMyActivities,
  listWorkspaceActivities,
} from './activities.repo.js';

export interface ActivityInput {
  title: string;
  description?: string;
  location?: string;
  startsAt: string;
  endsAt: string;
  timeZone?: string;
  visibility?: ActivityVisibility;
  attendeeIds?: string[];
}

export type ActivityChanges = Partial<ActivityInput> & { status?: ActivityStatus };

/** An instant with its offset, kept in UTC. */
function instant(path: string, value: string): string {
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) throw invalid(path, 'is not a date and time (ISO 8601 with an offset)');
  return parsed.toISOString();
}

function checkTimes(startsAt: string, endsAt: string): void {
  if (endsAt <= startsAt) throw invalid('/endsAt', 'must be after the start');
  if (Date.parse(endsAt) - Date.parse(startsAt) > ACTIVITY_LIMITS.days * 86_400_000)
    throw invalid('/endsAt', `must be at most ${ACTIVITY_LIMITS.days} days after the start`);
}

function checkZone(zone: string): string {
  const canonical = canonicalTimeZone(zone);
  if (!canonical) throw invalid('/timeZone', 'is not a known time zone (e.g. Europe/Paris)');
  return canonical;
}

function checkTitle(title: string): string {
  const trimmed = title.trim();
  if (!trimmed) throw invalid('/title', 'must not be empty');
  return trimmed;
}

/** Viewers may attend: attending asks nothing of them but to be there. */
const checkAttendees = (ctx: AppContext, actor: Actor, workspaceId: string, ids: string[], visibility: ActivityVisibility) =>
  pickMembers(ctx.db, actor, workspaceId, ids, { path: '/attendeeIds', internal: visibility === 'internal', viewers: true });

async function loadActivity(ctx: Pick<AppContext, 'db'>, actor: Actor, id: string, action: ActivityAction = 'read') {
  const activity = await findActivity(ctx.db, id);
  const workspace = activity && (await findWorkspace(ctx.db, activity.workspace_id));
  if (!activity || !workspace) throw notFound();
  const [details] = await detailsOf(ctx.db, [activity]);
  if (!details) throw notFound();
  authorize(actor, 'activity', action, activityTarget(activity, details.attendeeIds, workspaceTarget(workspace)));
  return { details, workspace };
}

async function present(ctx: AppContext, actor: Actor, details: ActivityDetails, workspace: WorkspaceRow) {
  const person = await peopleFor(ctx.db, actor, peopleOf(details));
  return { activity: presentActivity(actor, details, workspace, person), etag: activityEtag(details.activity) };
}

export async function getActivity(ctx: AppContext, actor: Actor, id: string) {
  const { details, workspace } = await loadActivity(ctx, actor, id);
  return present(ctx, actor, details, workspace);
}

export async function createActivity(ctx: AppContext, actor: Actor, workspaceId: string, input: ActivityInput, meta: RequestMeta) {
  const caller = requireUser(actor);
  const { row: workspace } = await loadWorkspace(ctx, actor, workspaceId, 'create_activity');
  assertChangeable(workspace);
  const title = checkTitle(input.title);
  const startsAt = instant('/startsAt', input.startsAt);
  const endsAt = instant('/endsAt', input.endsAt);
  checkTimes(startsAt, endsAt);
  const timeZone = checkZone(input.timeZone ?? 'UTC');
  const visibility = input.visibility ?? 'shared';
  const attendees = await checkAttendees(ctx, actor, workspaceId, input.attendeeIds ?? [], visibility);
  const id = newId();
  const now = new Date().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('activities')
      .values({
        id,
        workspace_id: workspaceId,
        title,
        description: input.description ?? '',
        location: input.location?.trim() ?? '',
        starts_at: startsAt,
        ends_at: endsAt,
        time_zone: timeZone,
        status: 'planned',
        visibility,
        version: 1,
        created_by: caller.id,
        updated_by: caller.id,
        confirmed_by: null,
        confirmed_at: null,
        done_by: null,
        done_at: null,
        done_remark: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    if (attendees.length > 0)
      await trx
        .insertInto('activity_attendees')
        .values(attendees.map((user_id) => ({ activity_id: id, user_id })))
        .execute();
    await record(trx, {
      actorId: caller.id,
      action: 'activity.created',
      target: { type: 'activity', id },
      workspaceId,
      ip: meta.ip,
      details: { title, startsAt, endsAt, timeZone, visibility, attendeeIds: attendees },
      internal: visibility === 'internal',
    });
  });
  const { details } = await loadActivity(ctx, actor, id);
  return present(ctx, actor, details, workspace);
}

/** The fields a status brings with it: who confirmed or reported it, and when. */
function statusFields(activity: ActivityRow, status: ActivityStatus, callerId: string, now: string, remark: string | null) {
  const confirmed = status === 'confirmed' || status === 'done';
  return {
    status,
    confirmed_by: confirmed ? (activity.confirmed_by ?? callerId) : null,
    confirmed_at: confirmed ? (activity.confirmed_at ?? now) : null,
    done_by: status === 'done' ? (activity.status === 'done' ? activity.done_by : callerId) : null,
    done_at: status === 'done' ? (activity.status === 'done' ? activity.done_at : now) : null,
    done_remark: status === 'done' ? (remark ?? activity.done_remark) : null,
  };
}

export async function updateActivity(
  ctx: AppContext,
  actor: Actor,
  id: string,
  changes: ActivityChanges,
  ifMatch: string | undefined,
  meta: RequestMeta,
) {
  const caller = requireUser(actor);
  const { details, workspace } = await loadActivity(ctx, actor, id, 'update');
  assertChangeable(workspace);
  const activity = details.activity;
  if (Object.keys(changes).length === 0) return present(ctx, actor, details, workspace);
  assertIfMatch(ifMatch, activityEtag(activity), 'activity');
  const startsAt = changes.startsAt !== undefined ? instant('/startsAt', changes.startsAt) : activity.starts_at;
  const endsAt = changes.endsAt !== undefined ? instant('/endsAt', changes.endsAt) : activity.ends_at;
  checkTimes(startsAt, endsAt);
  const visibility = changes.visibility ?? activity.visibility;
  const attendees =
    changes.attendeeIds !== undefined || visibility !== activity.visibility
      ? await checkAttendees(ctx, actor, workspace.id, changes.attendeeIds ?? details.attendeeIds, visibility)
      : details.attendeeIds;
  const now = new Date().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('activities')
      .set({
        title: changes.title !== undefined ? checkTitle(changes.title) : activity.title,
        description: changes.description ?? activity.description,
        location: changes.location?.trim() ?? activity.location,
        starts_at: startsAt,
        ends_at: endsAt,
        time_zone: changes.timeZone !== undefined ? checkZone(changes.timeZone) : activity.time_zone,
        visibility,
        ...statusFields(activity, changes.status ?? activity.status, caller.id, now, null),
        version: activity.version + 1,
        updated_by: caller.id,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('version', '=', activity.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw preconditionFailed('activity');
    if (attendees !== details.attendeeIds) {
      await trx.deleteFrom('activity_attendees').where('activity_id', '=', id).execute();
      if (attendees.length > 0)
        await trx
          .insertInto('activity_attendees')
          .values(attendees.map((user_id) => ({ activity_id: id, user_id })))
          .execute();
    }
    await record(trx, {
      actorId: caller.id,
      action: 'activity.updated',
      target: { type: 'activity', id },
      workspaceId: workspace.id,
      ip: meta.ip,
      details: {
        ...changes,
        ...(changes.status ? { previousStatus: activity.status } : {}),
        ...(attendees !== details.attendeeIds ? { attendeeIds: attendees, previousAttendeeIds: details.attendeeIds } : {}),
      },
      internal: visibility === 'internal',
    });
  });
  const reloaded = await loadActivity(ctx, actor, id);
  return present(ctx, actor, reloaded.details, reloaded.workspace);
}

const REPORTS = {
  confirm: { to: 'confirmed', from: ['planned'], audit: 'activity.confirmed' },
  complete: { to: 'done', from: ['planned', 'confirmed'], audit: 'activity.done' },
} as const satisfies Record<string, { to: ActivityStatus; from: ActivityStatus[]; audit: AuditAction }>;

/**
 * An attendee's word on the activity: it will take place (`confirm`), or it took place (`complete`,
 * with a remark). Saying it again changes nothing; a cancelled or finished activity answers 409.
 */
export async function reportActivity(
  ctx: AppContext,
  actor: Actor,
  id: string,
  report: keyof typeof REPORTS,
  remark: string | undefined,
  meta: RequestMeta,
) {
  const caller = requireUser(actor);
  const { details, workspace } = await loadActivity(ctx, actor, id, report);
  assertChangeable(workspace);
  const activity = details.activity;
  const rule = REPORTS[report];
  if (activity.status === rule.to && remark === undefined) return present(ctx, actor, details, workspace);
  if (activity.status !== rule.to && !(rule.from as readonly ActivityStatus[]).includes(activity.status))
    throw conflict(`This activity is ${activity.status === 'done' ? 'already done' : activity.status}; it cannot be ${rule.to} now.`);
  const now = new Date().toISOString();
  const trimmed = remark?.trim() || null;
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('activities')
      .set({
        ...statusFields(activity, rule.to, caller.id, now, trimmed),
        version: activity.version + 1,
        updated_by: caller.id,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('version', '=', activity.version)
      .executeTakeFirst()
      .then((updated) => {
        // Someone changed it in between (e.g. cancelled it): say so rather than overwrite.
        if (Number(updated.numUpdatedRows) !== 1) throw preconditionFailed('activity');
      });
    await record(trx, {
      actorId: caller.id,
      action: rule.audit,
      target: { type: 'activity', id },
      workspaceId: workspace.id,
      ip: meta.ip,
      details: { previousStatus: activity.status, ...(trimmed ? { remark: trimmed } : {}) },
      internal: activity.visibility === 'internal',
    });
  });
  const reloaded = await loadActivity(ctx, actor, id);
  return present(ctx, actor, reloaded.details, reloaded.workspace);
}

function checkWindow(window: ActivityWindow, fromNow = false): ActivityWindow {
  const from = window.from !== undefined ? instant('/querystring/from', window.from) : undefined;
  const to = window.to !== undefined ? instant('/querystring/to', window.to) : undefined;
  if (from && to && to <= from)
    throw invalid('/querystring/to', fromNow ? 'must be in the future, or give `from` as well' : 'must be after `from`');
  return { ...window, from, to };
}

export async function listActivities(ctx: AppContext, actor: Actor, workspaceId: string, window: ActivityWindow & { limit?: number }) {
  const { row: workspace } = await loadWorkspace(ctx, actor, workspaceId, 'read');
  const rows = await listWorkspaceActivities(ctx.db, actor, workspaceId, checkWindow(window), window.limit ?? 200);
  const details = await detailsOf(ctx.db, rows);
  const person = await peopleFor(ctx.db, actor, details.flatMap(peopleOf));
  return { items: details.map((d) => presentActivity(actor, d, workspace, person)) };
}

/** "Planned activities": the caller's workspaces' activities, by start; from now on unless asked otherwise. */
export async function myActivities(
  ctx: AppContext,
  actor: Actor,
  query: ActivityWindow & { workspaceId?: string; attending?: boolean; limit?: number; cursor?: string },
) {
  const caller = requireUser(actor);
  const window = checkWindow({ ...query, from: query.from ?? new Date().toISOString() }, query.from === undefined);
  const limit = query.limit ?? 50;
  const after = query.cursor ? decodeCursor(query.cursor, ['at', 'id'] as const) : undefined;
  const rows = await listMyActivities(ctx.db, caller, { ...query, ...window, after }, limit + 1);
  const page = rows.slice(0, limit);
  const details = await detailsOf(ctx.db, page);
  const person = await peopleFor(ctx.db, actor, details.flatMap(peopleOf));
  const workspaces = new Map((await findWorkspaces(ctx.db, [...new Set(page.map((r) => r.workspace_id))])).map((w) => [w.id, w]));
  const last = page.at(-1);
  return {
    items: details.flatMap((d) => {
      const workspace = workspaces.get(d.activity.workspace_id);
      if (!workspace) return [];
      return [{ ...presentActivity(actor, d, workspace, person), workspace: { id: workspace.id, name: workspace.name } }];
    }),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.starts_at, id: last.id }) : null,
  };
}
