import ical, { escape as escapeText, ICalEventStatus } from 'ical-generator';
import type { ActivityStatus } from '../../../shared/activities.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const DESCRIPTION_LIMIT = 4_000;

export interface FeedActivity {
  id: string;
  workspaceId: string;
  workspaceName: string;
  title: string;
  description: string;
  location: string;
  startsAt: string;
  endsAt: string;
  status: ActivityStatus;
  version: number;
  updatedAt: string;
}

export interface FeedTask {
  id: string;
  workspaceId: string;
  workspaceName: string;
  title: string;
  description: string;
  /** YYYY-MM-DD. */
  dueOn: string;
  version: number;
  updatedAt: string;
}

export interface FeedContent {
  /** The calendar's name in the subscriber's list. */
  name: string;
  /** Origin of the web UI (the public URL): links and the host part of every UID. */
  origin: string;
  activities: FeedActivity[];
  tasks: FeedTask[];
}

/**
 * iCalendar text has one line break and no other control characters (RFC 5545 §3.3.11): CR LF and
 * lone CRs become that line break, other controls a space. The library then escapes `\ ; ,` and line
 * breaks, so a title can never end its line and start a property of its own.
 */
export function plainText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\p{Cc}/gu, (c) => (c === '\n' || c === '\t' ? c : ' '));
}

function describe(text: string, workspaceName: string, link: string): string {
  const body = plainText(text).trim();
  const cut = body.length > DESCRIPTION_LIMIT ? `${body.slice(0, DESCRIPTION_LIMIT)}…` : body;
  return [cut, `Workspace: ${plainText(workspaceName)}`, link].filter(Boolean).join('\n\n');
}

const STATUS: Record<ActivityStatus, ICalEventStatus> = {
  planned: ICalEventStatus.TENTATIVE,
  confirmed: ICalEventStatus.CONFIRMED,
  done: ICalEventStatus.CONFIRMED,
  cancelled: ICalEventStatus.CANCELLED,
};

/**
 * The person's calendar as an iCalendar document (escaped and folded at 75 octets by
 * ical-generator): activities at their UTC times, open tasks as all-day events on their due date.
 * No attendee or organizer is ever written: the feed names nobody.
 */
export function renderCalendar(content: FeedContent): string {
  const host = new URL(content.origin).hostname;
  const calendar = ical({
    // The library writes the calendar's name as given (it escapes only the events' text): one line, escaped here.
    name: escapeText(plainText(content.name).replace(/\s+/g, ' ').trim() || 'Foyer', false),
    prodId: { company: 'Foyer', product: 'Foyer calendar feed', language: 'EN' },
    // Subscribers that honour it look again every hour.
    ttl: 60 * 60,
  });
  for (const a of content.activities) {
    const link = `${content.origin}/workspaces/${encodeURIComponent(a.workspaceId)}/activities/${encodeURIComponent(a.id)}`;
    calendar.createEvent({
      id: `${a.id}@${host}`,
      sequence: a.version,
      stamp: new Date(a.updatedAt),
      lastModified: new Date(a.updatedAt),
      start: new Date(a.startsAt),
      end: new Date(a.endsAt),
      summary: plainText(a.title),
      location: a.location.trim() ? plainText(a.location) : null,
      description: describe(a.description, a.workspaceName, link),
      url: link,
      status: STATUS[a.status],
    });
  }
  for (const t of content.tasks) {
    const link = `${content.origin}/workspaces/${encodeURIComponent(t.workspaceId)}/tasks/${encodeURIComponent(t.id)}`;
    const day = new Date(`${t.dueOn}T00:00:00.000Z`);
    calendar.createEvent({
      id: `${t.id}@${host}`,
      sequence: t.version,
      stamp: new Date(t.updatedAt),
      lastModified: new Date(t.updatedAt),
      allDay: true,
      start: day,
      end: new Date(day.getTime() + DAY_MS),
      summary: plainText(t.title),
      description: describe(t.description, t.workspaceName, link),
      url: link,
    });
  }
  // Every content line ends with CR LF (RFC 5545 §3.1), the last one too; the library leaves it off.
  const text = calendar.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}
