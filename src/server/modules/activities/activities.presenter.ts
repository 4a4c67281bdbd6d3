import { Type } from 'typebox';
import { ACTIVITY_ACTIONS, ACTIVITY_STATUSES, ACTIVITY_VISIBILITIES, type ActivityAction, wallTime } from '../../../shared/activities.js';
import { type Actor, abilities } from '../../authz/index.js';
import { IdSchema, Nullable, TimestampSchema } from '../../http/schemas.js';
import { type PersonRef, PersonRefSchema } from '../directory/person-ref.js';
import { type WorkspaceRow, workspaceTarget } from '../workspaces/workspaces.repo.js';
import { type ActivityDetails, type ActivityRow, activityTarget } from './activities.repo.js';

const WallTimeSchema = Type.String({ description: "The organizer's wall-clock time, YYYY-MM-DDTHH:mm in `timeZone`" });

export const ActivitySchema = Type.Object({
  id: IdSchema,
  workspaceId: IdSchema,
  title: Type.String(),
  description: Type.String({ description: 'Markdown' }),
  location: Type.String(),
  startsAt: TimestampSchema,
  endsAt: TimestampSchema,
  timeZone: Type.String({ description: "The organizer's IANA time zone" }),
  localStartsAt: WallTimeSchema,
  localEndsAt: WallTimeSchema,
  status: Type.Enum(ACTIVITY_STATUSES),
  visibility: Type.Enum(ACTIVITY_VISIBILITIES),
  attendees: Type.Array(PersonRefSchema),
  confirmedBy: Nullable(PersonRefSchema),
  confirmedAt: Nullable(TimestampSchema),
  doneBy: Nullable(PersonRefSchema),
  doneAt: Nullable(TimestampSchema),
  doneRemark: Nullable(Type.String()),
  createdBy: Nullable(PersonRefSchema),
  updatedBy: Nullable(PersonRefSchema),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  abilities: Type.Array(Type.Enum(ACTIVITY_ACTIONS)),
});

/** Reading only, while the workspace is archived. */
function activityAbilities(actor: Actor, details: ActivityDetails, workspace: WorkspaceRow): ActivityAction[] {
  const all = abilities(actor, 'activity', activityTarget(details.activity, details.attendeeIds, workspaceTarget(workspace)));
  return workspace.status === 'archived' ? all.filter((a) => a === 'read') : all;
}

export function presentActivity(actor: Actor, details: ActivityDetails, workspace: WorkspaceRow, person: (id: string | null) => PersonRef) {
  const a: ActivityRow = details.activity;
  return {
    id: a.id,
    workspaceId: a.workspace_id,
    title: a.title,
    description: a.description,
    location: a.location,
    startsAt: a.starts_at,
    endsAt: a.ends_at,
    timeZone: a.time_zone,
    localStartsAt: wallTime(a.starts_at, a.time_zone),
    localEndsAt: wallTime(a.ends_at, a.time_zone),
    status: a.status,
    visibility: a.visibility,
    attendees: details.attendeeIds.map((id) => person(id)).filter((p): p is NonNullable<PersonRef> => p !== null),
    confirmedBy: person(a.confirmed_by),
    confirmedAt: a.confirmed_at,
    doneBy: person(a.done_by),
    doneAt: a.done_at,
    doneRemark: a.done_remark,
    createdBy: person(a.created_by),
    updatedBy: person(a.updated_by),
    createdAt: a.created_at,
    updatedAt: a.updated_at,
    abilities: activityAbilities(actor, details, workspace),
  };
}

export const activityEtag = (a: Pick<ActivityRow, 'id' | 'version'>) => `"${a.id}.${a.version}"`;

/** Everyone an activity mentions. */
export const peopleOf = (d: ActivityDetails) => [
  ...d.attendeeIds,
  d.activity.created_by,
  d.activity.updated_by,
  d.activity.confirmed_by,
  d.activity.done_by,
];
