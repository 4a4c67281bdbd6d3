import { useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { CheckboxField } from '../../../components/ui/checkbox-field';
import { PageHeading } from '../../../components/ui/page-heading';
import { SelectField } from '../../../components/ui/select-field';
import { ViewToggle } from '../../../components/ui/view-toggle';
import type { NamedRef } from '../../../lib/api-types';
import { problemSummary } from '../../../lib/problem';
import { useResource } from '../../../lib/use-resource';
import { dayHeading, monthHeading } from '../activity-time';
import { listMyActivities } from '../api';
import { type PlannedView, type PlannedViewState, readPlannedView, writePlannedView } from '../planned-view-params';
import type { MyActivity } from '../types';
import { localDayKey, localMonthKey, monthWindow, shiftMonth } from '../zoned-time';
import { ActivityList } from './activity-list';
import { MonthCalendar } from './month-calendar';

const viewLabels: Record<PlannedView, string> = { list: 'List', month: 'Month' };

/**
 * "Planned activities": what is coming up in all the reader's workspaces, as a list grouped by day
 * or as a month calendar, filtered by workspace and to what the reader attends.
 */
export function PlannedActivities() {
  const monthHeadingId = useId();
  const [searchParams, setSearchParams] = useSearchParams();
  const state = readPlannedView(searchParams);
  // The list starts at the moment the page opened; today is the reader's own calendar day.
  const [now] = useState(() => new Date());
  const today = localDayKey(now);
  // Every workspace seen in an answer stays in the filter, so narrowing the list never empties the choice.
  const [known, setKnown] = useState<ReadonlyMap<string, string>>(new Map());
  const range = state.view === 'month' ? (monthWindow(state.month) ?? {}) : { from: now.toISOString() };
  const key = `${state.view}:${state.view === 'month' ? state.month : ''}:${state.workspaceId}:${state.attending}`;
  const activities = useResource(async (signal) => {
    // A month is read whole (a few pages at most); the list shows the next 200 and says when there are more.
    const { items, more } = await listMyActivities(
      { ...range, workspaceId: state.workspaceId || undefined, attending: state.attending },
      signal,
      state.view === 'month' ? 10 : 1,
    );
    setKnown((current) => {
      const missing = items.filter((activity) => !current.has(activity.workspace.id));
      if (missing.length === 0) return current;
      return new Map([...current, ...missing.map((activity) => [activity.workspace.id, activity.workspace.name] as const)]);
    });
    return { key, items, more };
  }, key);

  // flushSync: the checkbox and selects take the address as their state, so it must change within the click.
  function change(next: PlannedViewState) {
    setSearchParams((current) => writePlannedView(current, next), { replace: true, preventScrollReset: true, flushSync: true });
  }

  const workspaces: NamedRef[] = [...known].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  if (state.workspaceId && !known.has(state.workspaceId)) workspaces.push({ id: state.workspaceId, name: 'The chosen workspace' });
  // While another month or filter loads, the previous answer is not shown as if it were this one.
  const current = activities.data?.key === key ? activities.data.items : null;
  const more = activities.data?.key === key && activities.data.more;
  const filtered = state.workspaceId !== '' || state.attending;

  return (
    <>
      <PageHeading description="Visits, deliveries and meetings planned in your workspaces, in your own time.">
        Planned activities
      </PageHeading>
      <search className="filters activity-filters">
        <ViewToggle
          views={['list', 'month'] as const}
          labels={viewLabels}
          value={state.view}
          onChange={(view) => change({ ...state, view, month: view === 'month' ? localMonthKey(now) : state.month })}
        />
        {(workspaces.length > 1 || state.workspaceId) && (
          <SelectField
            label="Workspace"
            name="workspace"
            value={state.workspaceId}
            options={[
              { value: '', label: 'All workspaces' },
              ...workspaces.map((workspace) => ({ value: workspace.id, label: workspace.name })),
            ]}
            onChange={(event) => change({ ...state, workspaceId: event.target.value })}
          />
        )}
        <CheckboxField
          label="Only mine (attending)"
          name="attending"
          checked={state.attending}
          onChange={(event) => change({ ...state, attending: event.target.checked })}
        />
      </search>

      {state.view === 'month' && (
        <div className="activity-month-nav">
          <Button onClick={() => change({ ...state, month: shiftMonth(state.month, -1) })}>Previous month</Button>
          <h2 id={monthHeadingId} className="activity-month-heading" aria-live="polite">
            {monthHeading(state.month)}
          </h2>
          <Button onClick={() => change({ ...state, month: shiftMonth(state.month, 1) })}>Next month</Button>
          {state.month !== localMonthKey(now) && (
            <Button onClick={() => change({ ...state, month: localMonthKey(now) })}>This month</Button>
          )}
        </div>
      )}

      {activities.error ? (
        <Alert tone="error" title="The planned activities could not be loaded.">
          <p>{problemSummary(activities.error.problem)}</p>
          <Button onClick={activities.reload}>Try again</Button>
        </Alert>
      ) : current === null ? (
        <p role="status">Loading planned activities…</p>
      ) : state.view === 'month' ? (
        <>
          <MonthCalendar month={state.month} today={today} activities={current} headingId={monthHeadingId} />
          {more && (
            <p className="field-hint">This month holds more activities than can be shown at once: choose a workspace to see them all.</p>
          )}
          {current.length === 0 && (
            <p className="empty activity-month-empty">
              {filtered
                ? `Nothing matches these filters in ${monthHeading(state.month)}.`
                : `Nothing planned in ${monthHeading(state.month)}.`}
            </p>
          )}
        </>
      ) : current.length === 0 ? (
        <p className="empty">
          {state.attending
            ? 'You are not attending anything planned from now on.'
            : state.workspaceId
              ? 'Nothing planned in this workspace from now on.'
              : 'Nothing planned from now on. Visits, deliveries and meetings planned in your workspaces appear here.'}
        </p>
      ) : (
        <>
          <DayGroups activities={current} today={today} />
          {more && (
            <p className="field-hint">
              These are the next {current.length} activities. Choose a workspace or the month view to see further ahead.
            </p>
          )}
        </>
      )}
    </>
  );
}

/** Upcoming first, one section per day (the reader's days); an activity already under way is under the day it began. */
function DayGroups({ activities, today }: { activities: readonly MyActivity[]; today: string }) {
  const groups = new Map<string, MyActivity[]>();
  for (const activity of activities) {
    const day = localDayKey(new Date(activity.startsAt));
    groups.set(day, [...(groups.get(day) ?? []), activity]);
  }
  return (
    <>
      {[...groups].map(([day, items]) => (
        <DayGroup key={day} day={day} today={today} activities={items} />
      ))}
    </>
  );
}

function DayGroup({ day, today, activities }: { day: string; today: string; activities: MyActivity[] }) {
  const headingId = useId();
  const heading = dayHeading(day);
  return (
    <section className="section-block activity-day-group" aria-labelledby={headingId}>
      <h2 id={headingId} className="subheading">
        {heading}
        {day === today && <span className="activity-today-note"> · today</span>}
      </h2>
      <ActivityList activities={activities} label={heading} showWorkspace />
    </section>
  );
}
