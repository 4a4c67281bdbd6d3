import { Link } from 'react-router';
import { weekdayNames } from '../activity-time';
import { activityRoute } from '../api';
import { statusLabels } from '../labels';
import type { MyActivity } from '../types';
import { localDaysOf, monthWeeks } from '../zoned-time';

export interface MonthCalendarProps {
  month: string;
  /** The reader's today, YYYY-MM-DD. */
  today: string;
  activities: readonly MyActivity[];
  headingId: string;
}

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/**
 * A month as a table: weekday column headers, one cell per day listing the activities on it as links
 * (an activity spanning days is listed on each). Today is marked with aria-current="date". On narrow
 * screens the stylesheet turns the table into a list of the days that have something on them.
 */
export function MonthCalendar({ month, today, activities, headingId }: MonthCalendarProps) {
  const weekdays = weekdayNames();
  const byDay = new Map<string, { activity: MyActivity; starts: boolean }[]>();
  for (const activity of activities) {
    const days = localDaysOf(activity.startsAt, activity.endsAt);
    days.forEach((day, index) => {
      const list = byDay.get(day) ?? [];
      list.push({ activity, starts: index === 0 });
      byDay.set(day, list);
    });
  }
  const dayNumber = new Intl.DateTimeFormat(undefined, { day: 'numeric', timeZone: 'UTC' });
  const dayName = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });

  return (
    <table className="activity-month" aria-labelledby={headingId}>
      <thead>
        <tr>
          {weekdays.map((weekday) => (
            <th key={weekday.long} scope="col">
              <abbr title={weekday.long}>{weekday.short}</abbr>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {monthWeeks(month).map((week) => (
          <tr key={week.find(Boolean) ?? ''}>
            {week.map((day, index) => {
              // biome-ignore lint/suspicious/noArrayIndexKey: a blank cell is its weekday column; it never moves
              if (day === null) return <td key={`blank-${index}`} className="activity-day activity-day-blank" />;
              const date = new Date(`${day}T12:00:00Z`);
              const entries = byDay.get(day) ?? [];
              const classes = ['activity-day', entries.length === 0 ? 'activity-day-free' : '', day === today ? 'activity-day-today' : '']
                .filter(Boolean)
                .join(' ');
              return (
                <td key={day} className={classes} aria-current={day === today ? 'date' : undefined}>
                  <span className="activity-day-number" aria-hidden="true">
                    {dayNumber.format(date)}
                  </span>
                  <span className="activity-day-name">
                    {dayName.format(date)}
                    {day === today && <span className="activity-today-note"> (today)</span>}
                  </span>
                  {entries.length > 0 && (
                    <ul className="activity-day-list">
                      {entries.map(({ activity, starts }) => (
                        <li key={activity.id} className={`activity-day-item activity-day-item-${activity.status}`}>
                          <Link to={activityRoute(activity.workspaceId, activity.id)} className="activity-day-link">
                            <span className="activity-day-time">{starts ? time.format(new Date(activity.startsAt)) : 'cont.'}</span>{' '}
                            {activity.title}
                          </Link>
                          {activity.status !== 'planned' && <span className="activity-day-status"> · {statusLabels[activity.status]}</span>}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
