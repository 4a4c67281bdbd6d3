import { type FormEvent, useEffect, useId, useMemo, useState } from 'react';
import { ACTIVITY_LIMITS, ACTIVITY_VISIBILITIES } from '../../../../shared/activities';
import { FormAlert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { FieldError } from '../../../components/ui/field-parts';
import { SelectField } from '../../../components/ui/select-field';
import { TextAreaField } from '../../../components/ui/text-area-field';
import { TextField } from '../../../components/ui/text-field';
import { ApiError, toApiError } from '../../../lib/api-client';
import { useFormSubmit } from '../../../lib/use-form-submit';
import { MemberPicker, type PickableMembers } from '../../members/components/member-choices';
import { timeZoneOptions } from '../activity-time';
import type { ActivityChange, NewActivity } from '../api';
import { visibilityHints, visibilityLabels } from '../labels';
import type { Activity, ActivityVisibility } from '../types';
import { canAttend } from '../use-attendee-members';
import { browserTimeZone, zonedToInstant } from '../zoned-time';

const fields = [
  'title',
  'day',
  'startTime',
  'endDay',
  'endTime',
  'timeZone',
  'location',
  'description',
  'visibility',
  'attendeeIds',
  'startsAt',
  'endsAt',
] as const;

export type ActivityFormMembers = PickableMembers;

interface ActivityFormBase {
  members: ActivityFormMembers;
  onCancel: () => void;
}

export type ActivityFormProps = ActivityFormBase &
  (
    | { mode: 'create'; activity?: undefined; onSubmit: (input: NewActivity) => Promise<void> }
    | { mode: 'edit'; activity: Activity; onSubmit: (change: ActivityChange) => Promise<void> }
  );

const visibilityOptions = ACTIVITY_VISIBILITIES.map((value) => ({ value, label: visibilityLabels[value] }));
const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((id, i) => id === [...b].sort()[i]);

/** Server problems on times and attendees are shown on the fields a person filled in. */
function placeProblems(error: unknown, names: ReadonlyMap<string, string>, attendeeIds: readonly string[]): never {
  const apiError = toApiError(error);
  const errors = apiError.problem.errors.map((problem) => {
    if (problem.path === '/startsAt') return { path: '/startTime', message: `The start ${problem.message}.` };
    if (problem.path === '/endsAt') return { path: '/endTime', message: `The end ${problem.message}.` };
    const attendee = /^\/attendeeIds\/(\d+)$/.exec(problem.path);
    if (attendee) {
      const name = names.get(attendeeIds[Number(attendee[1])] ?? '') ?? 'Someone chosen';
      return { path: '/attendeeIds', message: `${name} ${problem.message}.` };
    }
    return problem;
  });
  throw new ApiError({ ...apiError.problem, errors });
}

/**
 * The plan-an-activity form and the edit form. The day and times are the organizer's wall clock in
 * the chosen time zone (the browser's by default) and become instants only when sent.
 */
export function ActivityForm(props: ActivityFormProps) {
  const { activity, members, onCancel } = props;
  const form = useFormSubmit(fields);
  const attendeesId = useId();
  const [localStart, localEnd] = [activity?.localStartsAt ?? '', activity?.localEndsAt ?? ''];
  const [title, setTitle] = useState(activity?.title ?? '');
  const [day, setDay] = useState(localStart.slice(0, 10));
  const [startTime, setStartTime] = useState(localStart.slice(11, 16));
  // Empty: the same day as the start, following it when the start day changes.
  const [endDay, setEndDay] = useState(localEnd && localEnd.slice(0, 10) !== localStart.slice(0, 10) ? localEnd.slice(0, 10) : '');
  const [endTime, setEndTime] = useState(localEnd.slice(11, 16));
  const [timeZone, setTimeZone] = useState(activity?.timeZone ?? browserTimeZone());
  const [location, setLocation] = useState(activity?.location ?? '');
  const [description, setDescription] = useState(activity?.description ?? '');
  const [visibility, setVisibility] = useState<ActivityVisibility>(activity?.visibility ?? 'shared');
  const [selected, setSelected] = useState<string[]>(activity?.attendees.map((person) => person.id) ?? []);
  const zones = useMemo(
    () =>
      timeZoneOptions(browserTimeZone(), activity?.timeZone ?? '', 'UTC').map((zone) => ({
        value: zone,
        label: zone.replaceAll('_', ' '),
      })),
    [activity?.timeZone],
  );

  useEffect(() => {
    form.formRef.current?.querySelector<HTMLInputElement>('input[name="title"]')?.focus();
  }, [form.formRef]);

  const eligible = members.list ? canAttend(members.list, visibility) : null;
  const eligibleIds = new Set(eligible?.map((member) => member.user.id));
  const names = new Map<string, string>([
    ...(activity?.attendees.map((person) => [person.id, person.name] as const) ?? []),
    ...(members.list?.map((member) => [member.user.id, member.user.name] as const) ?? []),
  ]);
  // Chosen people who cannot attend (a guest of an internal activity, someone who left): dropped on saving.
  const dropped = eligible ? selected.filter((id) => !eligibleIds.has(id)) : [];

  function toggle(id: string, checked: boolean) {
    setSelected((current) => (checked ? [...current.filter((value) => value !== id), id] : current.filter((value) => value !== id)));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmedTitle = title.trim();
    const lastDay = endDay || day;
    const startsAt = zonedToInstant(day, startTime, timeZone);
    const endsAt = zonedToInstant(lastDay, endTime, timeZone);
    const clientErrors: Record<string, string> = {};
    if (trimmedTitle === '') clientErrors.title = 'Enter a title.';
    if (day === '') clientErrors.day = 'Choose the day.';
    else if (startsAt === null && startTime !== '') clientErrors.day = 'Enter a valid day.';
    if (startTime === '') clientErrors.startTime = 'Enter the start time.';
    if (endTime === '') clientErrors.endTime = 'Enter the end time.';
    if (endsAt === null && endTime !== '' && day !== '') clientErrors.endDay = 'Enter a valid day.';
    if (endDay !== '' && endDay < day) clientErrors.endDay = 'The last day cannot be before the first.';
    if (startsAt && endsAt && endsAt <= startsAt && !clientErrors.endDay)
      clientErrors.endTime =
        endDay === '' || endDay === day
          ? 'The end must be after the start. For an activity past midnight, set the day it ends.'
          : 'The end must be after the start.';
    const attendeeIds = eligible ? selected.filter((id) => eligibleIds.has(id)) : selected;

    await form.run(async () => {
      if (!startsAt || !endsAt) return;
      try {
        if (props.mode === 'create') {
          await props.onSubmit({
            title: trimmedTitle,
            description,
            location: location.trim(),
            startsAt,
            endsAt,
            timeZone,
            visibility,
            ...(eligible ? { attendeeIds } : {}),
          });
          return;
        }
        const before = props.activity;
        const change: ActivityChange = {};
        if (trimmedTitle !== before.title) change.title = trimmedTitle;
        if (description !== before.description) change.description = description;
        if (location.trim() !== before.location) change.location = location.trim();
        if (Date.parse(startsAt) !== Date.parse(before.startsAt)) change.startsAt = startsAt;
        if (Date.parse(endsAt) !== Date.parse(before.endsAt)) change.endsAt = endsAt;
        if (timeZone !== before.timeZone) change.timeZone = timeZone;
        if (visibility !== before.visibility) change.visibility = visibility;
        const beforeIds = before.attendees.map((person) => person.id);
        if (eligible && (!sameIds(attendeeIds, beforeIds) || change.visibility !== undefined)) change.attendeeIds = attendeeIds;
        await props.onSubmit(change);
      } catch (error) {
        placeProblems(error, names, attendeeIds);
      }
    }, clientErrors);
  }

  return (
    <form ref={form.formRef} className="form form-wide activity-form" noValidate onSubmit={submit}>
      <FormAlert messages={form.errors.form} />
      <TextField
        label="Title"
        name="title"
        required
        maxLength={ACTIVITY_LIMITS.title}
        autoComplete="off"
        hint="For example “Maintenance visit” or “Delivery of the spare parts”."
        value={title}
        error={form.errors.fields.title}
        onChange={(event) => setTitle(event.target.value)}
      />
      <fieldset className="form-group activity-when-fields">
        <legend className="form-group-title">When</legend>
        <div className="activity-form-row">
          <TextField
            label="Date"
            name="day"
            type="date"
            required
            value={day}
            error={form.errors.fields.day}
            onChange={(event) => setDay(event.target.value)}
          />
          <TextField
            label="Start time"
            name="startTime"
            type="time"
            required
            value={startTime}
            error={form.errors.fields.startTime ?? form.errors.fields.startsAt}
            onChange={(event) => setStartTime(event.target.value)}
          />
          <TextField
            label="End time"
            name="endTime"
            type="time"
            required
            value={endTime}
            error={form.errors.fields.endTime ?? form.errors.fields.endsAt}
            onChange={(event) => setEndTime(event.target.value)}
          />
        </div>
        <div className="activity-form-row">
          <TextField
            label="Ends on"
            name="endDay"
            type="date"
            hint="Only for an activity that ends on a later day."
            min={day || undefined}
            value={endDay || day}
            error={form.errors.fields.endDay}
            onChange={(event) => setEndDay(event.target.value === day ? '' : event.target.value)}
          />
          <SelectField
            label="Time zone"
            name="timeZone"
            hint="The date and times above are read in this zone. Everyone sees them in their own time as well."
            value={timeZone}
            options={zones}
            error={form.errors.fields.timeZone}
            onChange={(event) => setTimeZone(event.target.value)}
          />
        </div>
      </fieldset>
      <TextField
        label="Location"
        name="location"
        autoComplete="off"
        hint="Optional. An address, a room, or a video-call link."
        maxLength={ACTIVITY_LIMITS.location}
        value={location}
        error={form.errors.fields.location}
        onChange={(event) => setLocation(event.target.value)}
      />
      <TextAreaField
        label="Description"
        name="description"
        hint="Markdown: # heading, - list item, **bold**, [link text](https://…). HTML is shown as text; images are shown as links."
        rows={5}
        maxLength={ACTIVITY_LIMITS.description}
        value={description}
        error={form.errors.fields.description}
        onChange={(event) => setDescription(event.target.value)}
      />
      <SelectField
        label="Visibility"
        name="visibility"
        hint={visibilityHints[visibility]}
        value={visibility}
        options={visibilityOptions}
        error={form.errors.fields.visibility}
        onChange={(event) => setVisibility(event.target.value as ActivityVisibility)}
      />
      <fieldset
        className="form-group activity-attendees"
        aria-describedby={form.errors.fields.attendeeIds ? `${attendeesId}-error` : undefined}
      >
        <legend className="form-group-title">Attendees</legend>
        <MemberPicker
          members={members}
          eligible={eligible}
          cannotSee="You cannot see this workspace’s members, so you cannot choose who attends."
          nobody={visibility === 'internal' ? 'No employee is a member of this workspace yet.' : 'Nobody can attend yet.'}
          hint={
            visibility === 'internal'
              ? 'Only employees can attend an internal activity.'
              : 'Attending guests can confirm the activity and report it done.'
          }
          idPrefix={attendeesId}
          selected={selected}
          onToggle={toggle}
        />
        {dropped.length > 0 && (
          <p className="field-hint">
            No longer attending once saved, because they cannot attend this activity:{' '}
            {dropped.map((id) => names.get(id) ?? 'someone').join(', ')}.
          </p>
        )}
        <FieldError id={`${attendeesId}-error`} message={form.errors.fields.attendeeIds} />
      </fieldset>
      <div className="actions">
        <Button type="submit" variant="primary" busy={form.busy}>
          {props.mode === 'create' ? 'Plan activity' : 'Save changes'}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
