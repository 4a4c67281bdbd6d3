import { NOTIFICATION_LABELS } from '../../../shared/notifications';
import { formatDay } from '../../lib/dates';
import { formatDateTime } from '../../lib/format';
import type { NotificationItem } from './types';

/** What happened, in one sentence, from the reader's side. */
export function notificationSentence(n: Pick<NotificationItem, 'kind' | 'actor' | 'details'>): string {
  const who = n.actor?.name ?? 'Someone';
  switch (n.kind) {
    case 'invited':
      return n.actor ? `${who} invited you to a workspace.` : 'You were invited to a workspace.';
    case 'added_to_workspace':
      return 'You joined a workspace.';
    case 'task_assigned':
      return `${who} assigned a task to you.`;
    case 'task_due_soon':
      return 'A task assigned to you is due soon.';
    case 'mentioned':
      return `${who} mentioned you in a comment.`;
    case 'document_uploaded':
      return `${who} uploaded a document.`;
    case 'activity_planned':
      return `${who} planned an activity with you.`;
    case 'activity_changed':
      return `${who} changed an activity you attend.`;
    case 'activity_confirmed':
      return n.details.action === 'activity.done' ? `${who} marked an activity done.` : `${who} confirmed an activity.`;
    case 'membership_ending':
      return 'Access to a workspace ends soon.';
    default:
      return 'Something happened.';
  }
}

const humanize = (value: string) => {
  const text = value.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/** The facts worth a glance ("Due Jun 5, 2026", "Ends …", "Starts …"), in reading order. */
export function notificationFacts(details: NotificationItem['details']): string[] {
  const facts: string[] = [];
  if (details.startsAt) facts.push(`Starts ${formatDateTime(details.startsAt, details.startsAt)}`);
  if (details.dueOn) facts.push(`Due ${formatDay(details.dueOn, details.dueOn)}`);
  if (details.expiresAt) facts.push(`Ends ${formatDay(details.expiresAt, details.expiresAt)}`);
  if (details.status) facts.push(`Status: ${humanize(details.status)}`);
  if (details.remark) facts.push(`“${details.remark}”`);
  return facts;
}

/** The kind as people read it; an unknown kind from a newer server still shows. */
export function notificationLabel(kind: string): string {
  return (NOTIFICATION_LABELS as Record<string, string>)[kind] ?? humanize(kind);
}

/** Newest first, the server's order (time, then id). */
function newerFirst(a: NotificationItem, b: NotificationItem): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * A fresh first page merged into what is on screen: new and changed items from the server win,
 * items loaded further down stay where they are, so "Load more" keeps its place.
 */
export function mergeFirstPage(current: NotificationItem[], firstPage: NotificationItem[]): NotificationItem[] {
  const fresh = new Set(firstPage.map((item) => item.id));
  return [...firstPage, ...current.filter((item) => !fresh.has(item.id))].sort(newerFirst);
}
