import type { NotificationKind } from '../../../shared/notifications';
import type { NamedRef, Page } from '../../lib/api-types';

/** The few facts a notification carries beside its title. */
export interface NotificationDetails {
  /** The event it tells of, e.g. "document.uploaded". */
  action?: string;
  /** A task's due day, "2026-06-05". */
  dueOn?: string;
  /** When a membership ends (ISO timestamp). */
  expiresAt?: string;
  remark?: string;
  status?: string;
  /** When an activity starts (ISO timestamp). */
  startsAt?: string;
}

export interface NotificationItem {
  id: string;
  kind: NotificationKind;
  /** The item (or workspace) as the reader could see it when it happened. */
  title: string;
  workspace: NamedRef | null;
  target: { type: string; id: string } | null;
  actor: NamedRef | null;
  createdAt: string;
  readAt: string | null;
  /** Where the item opens in the web UI. */
  path: string;
  details: NotificationDetails;
}

export interface NotificationPage extends Page<NotificationItem> {
  /** Unread notifications in all, also beyond this page. */
  unread: number;
}

export type NotificationFilter = 'all' | 'unread';
