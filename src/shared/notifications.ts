/** What a notification can tell of; each kind has its own e-mail preference. */
export const NOTIFICATION_KINDS = [
  'invited',
  'added_to_workspace',
  'task_assigned',
  'task_due_soon',
  'mentioned',
  'document_uploaded',
  'activity_planned',
  'activity_changed',
  'activity_confirmed',
  'membership_ending',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const EMAIL_DELIVERIES = ['immediate', 'digest', 'never'] as const;
export type EmailDelivery = (typeof EMAIL_DELIVERIES)[number];

/**
 * What someone gets until they choose: at once for what asks something of them, the rest in the
 * digest. An invitation already comes with its own e-mail (the link to accept it), and joining is
 * something the person just did, so neither sends another unless asked for.
 */
export const DEFAULT_DELIVERY: Record<NotificationKind, EmailDelivery> = {
  invited: 'never',
  added_to_workspace: 'never',
  task_assigned: 'immediate',
  task_due_soon: 'immediate',
  mentioned: 'immediate',
  document_uploaded: 'digest',
  activity_planned: 'immediate',
  activity_changed: 'immediate',
  activity_confirmed: 'digest',
  membership_ending: 'immediate',
};

export const NOTIFICATION_LABELS: Record<NotificationKind, string> = {
  invited: 'Invited to a workspace',
  added_to_workspace: 'Added to a workspace',
  task_assigned: 'Task assigned to me',
  task_due_soon: 'Task due soon',
  mentioned: 'Mentioned in a comment',
  document_uploaded: 'Document uploaded',
  activity_planned: 'Activity planned',
  activity_changed: 'Activity changed',
  activity_confirmed: 'Activity confirmed or done',
  membership_ending: 'Access ending soon',
};

/** Where a notification leads in the web UI (a path below the public URL). */
export function notificationPath(n: { workspaceId: string | null; targetType: string | null; targetId: string | null }): string {
  if (!n.workspaceId) return '/notifications';
  const base = `/workspaces/${encodeURIComponent(n.workspaceId)}`;
  const id = n.targetId ? encodeURIComponent(n.targetId) : '';
  switch (n.targetType) {
    case 'task':
      return `${base}/tasks/${id}`;
    case 'note':
      return `${base}/notes/${id}`;
    case 'activity':
      return `${base}/activities/${id}`;
    case 'document':
      return `${base}/documents/${id}`;
    case 'folder':
      return `${base}/folders/${id}`;
    default:
      return base;
  }
}
