import { NOTIFICATION_KINDS, NOTIFICATION_LABELS, type NotificationKind, notificationPath } from '../../../shared/notifications.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What an e-mail may tell of a notification: its own row, the workspace's name, nothing more. */
export interface MailedNotification {
  kind: string;
  title: string;
  workspaceId: string | null;
  workspaceName: string | null;
  targetType: string | null;
  targetId: string | null;
  /** The notification's details (JSON): its action and dates. */
  details: string;
}

/** For a membership ending: the guest's sponsor hears whose access ends, and what they can do. */
export interface SponsorView {
  guestName: string;
}

// Titles and names are people's input: a control character must not start a new mail header or line.
export const oneLine = (text: string) =>
  text
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

export const isKind = (kind: string): kind is NotificationKind => (NOTIFICATION_KINDS as readonly string[]).includes(kind);

export const labelOf = (kind: string) => (isKind(kind) ? NOTIFICATION_LABELS[kind] : 'Notification');

function detailsOf(n: MailedNotification): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(n.details);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const text = (d: Record<string, unknown>, key: string) => (typeof d[key] === 'string' ? (d[key] as string) : null);

/** "today", "tomorrow", "in 3 days", from UTC calendar dates. */
export function whenDue(dueOn: string, now: Date): string {
  const days = Math.round((Date.parse(dueOn) - Date.parse(now.toISOString().slice(0, 10))) / DAY_MS);
  return days <= 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
}

/** The path in the web UI; an invitation is answered from the invitation e-mail, not from inside a workspace. */
export function pathOf(n: MailedNotification): string {
  if (n.kind === 'invited') return '/notifications';
  return notificationPath({ workspaceId: n.workspaceId, targetType: n.targetType, targetId: n.targetId });
}

export interface Wording {
  subject: string;
  /** One or more sentences for the body of a single e-mail. */
  paragraphs: string[];
  /** One line for a digest. */
  line: string;
  action: string;
}

/** What each kind says, in the e-mail of its own and as a line of the digest. */
export function wordingOf(n: MailedNotification, now: Date, sponsor: SponsorView | null = null): Wording {
  const title = oneLine(n.title);
  const workspace = oneLine(n.workspaceName ?? '');
  const inWorkspace = workspace && n.targetType !== 'workspace' ? ` in the workspace "${workspace}"` : '';
  const d = detailsOf(n);
  const label = labelOf(n.kind);
  const plain = (subject: string, sentence: string, action = 'Open it in Foyer'): Wording => ({
    subject,
    paragraphs: [sentence],
    line: `${label}: "${title}"${workspace && n.targetType !== 'workspace' ? ` (${workspace})` : ''}`,
    action,
  });
  switch (n.kind) {
    case 'invited':
      return plain(
        `Invitation to ${title}`,
        `You were invited to the workspace "${title}". The invitation e-mail has the link to accept it.`,
        'See your notifications',
      );
    case 'added_to_workspace':
      return plain(`Welcome to ${title}`, `You now have access to the workspace "${title}".`, 'Open the workspace');
    case 'task_assigned':
      return plain(`Task assigned to you: ${title}`, `The task "${title}"${inWorkspace} was assigned to you.`, 'Open the task');
    case 'task_due_soon': {
      const dueOn = text(d, 'dueOn');
      const when = dueOn ? whenDue(dueOn, now) : 'soon';
      return {
        ...plain(
          `Task due ${when}: ${title}`,
          `The task "${title}"${inWorkspace} is due ${when}${dueOn ? ` (${dueOn})` : ''}.`,
          'Open the task',
        ),
        line: `${label}: "${title}"${workspace ? ` (${workspace})` : ''}${dueOn ? `, due ${dueOn}` : ''}`,
      };
    }
    case 'mentioned':
      return plain(`You were mentioned: ${title}`, `You were mentioned in a comment on "${title}"${inWorkspace}.`, 'Read the comment');
    case 'document_uploaded':
      return plain(`New document: ${title}`, `The document "${title}" was uploaded${inWorkspace}.`, 'Open the document');
    case 'activity_planned':
      return plain(`Activity planned: ${title}`, `You were added to the activity "${title}"${inWorkspace}.`, 'Open the activity');
    case 'activity_changed':
      return plain(`Activity changed: ${title}`, `The activity "${title}"${inWorkspace} was changed.`, 'Open the activity');
    case 'activity_confirmed': {
      const done = text(d, 'action') === 'activity.done';
      return plain(
        `Activity ${done ? 'done' : 'confirmed'}: ${title}`,
        `The activity "${title}"${inWorkspace} was ${done ? 'marked done' : 'confirmed'}.`,
        'Open the activity',
      );
    }
    case 'membership_ending': {
      const day = text(d, 'expiresAt')?.slice(0, 10) ?? null;
      const on = day ? ` on ${day} (UTC)` : ' soon';
      if (sponsor)
        return {
          subject: `Guest access ends${day ? ` on ${day}` : ' soon'}: ${title}`,
          paragraphs: [
            `${oneLine(sponsor.guestName)}'s access to the workspace "${title}" ends${on}.`,
            'If the work goes on, open the workspace and give a later end date in its member list. Otherwise nothing needs to be done.',
          ],
          line: `Guest access ending: ${oneLine(sponsor.guestName)} in "${title}"${day ? `, on ${day}` : ''}`,
          action: 'Open the workspace',
        };
      return {
        ...plain(
          `Your access ends${day ? ` on ${day}` : ' soon'}: ${title}`,
          `Your access to the workspace "${title}" ends${on}. If you still need it after that, ask the person who invited you.`,
          'Open the workspace',
        ),
        line: `${label}: "${title}"${day ? `, on ${day}` : ''}`,
      };
    }
    default:
      return plain(`${label}: ${title}`, `${label}: "${title}"${inWorkspace}.`);
  }
}

/** A subject never carries a line break or other control character (no header injection). */
export const subjectOf = (subject: string) => oneLine(subject).slice(0, 250);
