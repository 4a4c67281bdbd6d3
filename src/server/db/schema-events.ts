// Row types of what the domain events feed: consumer cursors, the job queue, notifications and
// their preferences, folder watches, webhooks. The DB interface in schema.ts lists them all.
import type { EmailDelivery, NotificationKind } from '../../shared/notifications.js';
import type { Flag } from './schema.js';

export interface EventConsumersTable {
  name: string;
  /** The newest event of the log this consumer has handled. */
  last_seq: number;
}

export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface JobsTable {
  id: string;
  kind: string;
  /** Unique: enqueuing the same key twice adds nothing. */
  key: string;
  /** JSON. */
  payload: string;
  state: JobState;
  run_at: string;
  attempts: number;
  max_attempts: number;
  /** A running job whose lock ran out (its process died) is taken up again. */
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

/** none: no e-mail; immediate: queued as its own e-mail; digest: waits for the next digest; sent. */
export type NotificationEmail = 'none' | 'immediate' | 'digest' | 'sent';

export interface NotificationsTable {
  id: string;
  user_id: string;
  /** The event it tells of; one notification per person and event. */
  event_seq: number;
  kind: NotificationKind;
  workspace_id: string | null;
  target_type: string | null;
  target_id: string | null;
  actor_id: string | null;
  /** The item's title when it happened, as the recipient could see it then. */
  title: string;
  /** JSON. */
  details: string;
  created_at: string;
  read_at: string | null;
  email: NotificationEmail;
}

export interface NotificationPreferencesTable {
  user_id: string;
  kind: NotificationKind;
  delivery: EmailDelivery;
}

export interface FolderWatchesTable {
  user_id: string;
  folder_id: string;
  created_at: string;
}

export interface WebhooksTable {
  id: string;
  name: string;
  url: string;
  secret: string;
  /** JSON array of event types. */
  events: string;
  active: Flag;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  /** Null for a test event. */
  event_seq: number | null;
  event_type: string;
  /** The exact body sent (and signed) on every attempt. */
  payload: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface WebhookAttemptsTable {
  id: string;
  delivery_id: string;
  attempted_at: string;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

export interface WebhookAllowedHostsTable {
  host: string;
  created_by: string | null;
  created_at: string;
}
