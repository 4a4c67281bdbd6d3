import type { DeliveryState, EventType } from './api';

// Pure helpers of the webhooks page: event types grouped for choosing, and the words of the log.

const GROUP_LABELS: Record<string, string> = {
  workspace: 'Workspaces',
  member: 'Members',
  invitation: 'Invitations',
  folder: 'Folders',
  document: 'Documents',
  task: 'Tasks',
  note: 'Notes',
  activity: 'Planned activities',
  comment: 'Comments',
};

export interface EventGroup {
  key: string;
  label: string;
  types: EventType[];
}

/** Event types by what they are about ("task.created" → Tasks), in the server's order. */
export function groupEventTypes(types: readonly EventType[]): EventGroup[] {
  const groups = new Map<string, EventGroup>();
  for (const type of types) {
    const key = type.type.split('.')[0] ?? type.type;
    const group = groups.get(key) ?? { key, label: GROUP_LABELS[key] ?? key, types: [] };
    group.types.push(type);
    groups.set(key, group);
  }
  return [...groups.values()];
}

export const DELIVERY_STATE_LABELS: Record<DeliveryState, string> = {
  pending: 'Waiting',
  delivered: 'Delivered',
  failed: 'Failed',
};

/** "200", "No answer" — what the receiver said to one attempt. */
export function statusText(statusCode: number | null): string {
  return statusCode === null ? 'No answer' : String(statusCode);
}

/** What the list says about a webhook's events: all of one kind reads shorter than each. */
export function eventsSummary(events: readonly string[], all: readonly EventType[]): string {
  if (events.length === 0) return 'No events';
  if (all.length > 0 && events.length === all.length) return 'Every event';
  if (events.length <= 3) return events.join(', ');
  return `${events.slice(0, 2).join(', ')} and ${events.length - 2} more`;
}
