// Row types of every table (the workspace's work items in schema-work-items.ts, what the domain
// events feed in schema-events.ts); test/integration/schema.test.ts checks them
// against the migrated database through the column lists in columns.ts. Timestamps are ISO-8601
// UTC strings on both engines.
import type { UserKind, UserRole, UserStatus } from '../../shared/accounts.js';
import type { FolderVisibility, GuestAccess } from '../../shared/documents.js';
import type { FieldVisibility, MemberRole, WorkspaceStatus } from '../../shared/workspaces.js';
import type {
  EventConsumersTable,
  FolderWatchesTable,
  JobsTable,
  NotificationPreferencesTable,
  NotificationsTable,
  WebhookAllowedHostsTable,
  WebhookAttemptsTable,
  WebhookDeliveriesTable,
  WebhooksTable,
} from './schema-events.js';
import type {
  ActivitiesTable,
  ActivityAttendeesTable,
  CalendarFeedsTable,
  CommentMentionsTable,
  CommentsTable,
  NotesTable,
  NoteVersionsTable,
  TaskAssigneesTable,
  TaskAttachmentsTable,
  TaskChecklistItemsTable,
  TaskRemindersTable,
  TasksTable,
} from './schema-work-items.js';

/** 0 or 1: both engines store booleans as integers. */
export type Flag = number;

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  kind: UserKind;
  role: UserRole;
  status: UserStatus;
  password_hash: string | null;
  created_at: string;
  updated_at: string;
  last_sign_in_at: string | null;
  external_organization_id: string | null;
  visible_to_guests: Flag;
  extranet_group: Flag;
  /** Set while suspended: 'administrator', or 'no_workspace' when the last membership ended. */
  suspended_reason: SuspendedReason | null;
}

export type SuspendedReason = 'administrator' | 'no_workspace';

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
}

export interface PasswordResetsTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface AuthFailuresTable {
  id: string;
  key: string;
  occurred_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface AuditEventsTable {
  id: string;
  occurred_at: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  details: string;
  workspace_id: string | null;
  /** 1: about something guests could not see at the time (an internal item); never shown to them. */
  internal: Flag;
  /** Place in the tamper-evident chain (1, 2, …), the previous entry's hash, and this entry's. */
  seq: number;
  prev_hash: string;
  hash: string;
}

export interface ExternalOrganizationsTable {
  id: string;
  name: string;
  created_at: string;
  updated_at: string;
}

export interface ExternalOrganizationDomainsTable {
  domain: string;
  organization_id: string;
}

export interface TopicsTable {
  id: string;
  name: string;
  created_at: string;
}

export interface WorkspacesTable {
  id: string;
  name: string;
  description: string;
  topic_id: string | null;
  status: WorkspaceStatus;
  guests_can_upload: Flag;
  guests_can_create_tasks: Flag;
  guests_can_comment: Flag;
  guests_can_see_members: Flag;
  guests_can_invite: Flag;
  /** Grows with every change; the ETag. */
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

export interface WorkspaceFieldsTable {
  id: string;
  workspace_id: string;
  position: number;
  label: string;
  value: string;
  visibility: FieldVisibility;
}

export type MembershipStatus = 'active' | 'expired';

export interface MembershipsTable {
  workspace_id: string;
  user_id: string;
  role: MemberRole;
  status: MembershipStatus;
  sponsor_id: string | null;
  expires_at: string | null;
  reminder_sent_at: string | null;
  created_at: string;
  updated_at: string;
}

/** What is stored; `expired` is derived from `link_expires_at` when presenting. */
export type StoredInvitationStatus = 'awaiting_approval' | 'sent' | 'accepted' | 'revoked' | 'rejected';

export interface InvitationsTable {
  id: string;
  workspace_id: string;
  email: string;
  role: MemberRole;
  message: string | null;
  access_ends_at: string | null;
  external_organization_id: string | null;
  inviter_id: string | null;
  status: StoredInvitationStatus;
  token_hash: string;
  link_expires_at: string | null;
  sent_at: string | null;
  decided_by: string | null;
  decided_at: string | null;
  rejection_reason: string | null;
  accepted_at: string | null;
  accepted_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface FoldersTable {
  id: string;
  workspace_id: string;
  parent_id: string | null;
  name: string;
  /** Lower-cased NFC name: siblings may not share it. */
  name_key: string;
  /** The folder's own setting; null inherits from the parent. */
  visibility: FolderVisibility | null;
  guest_access: GuestAccess | null;
  /** Effective values, kept up to date for the whole subtree whenever a setting or parent changes. */
  shared: Flag;
  effective_guest_access: GuestAccess;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  deleted_by: string | null;
  /** The folder or document whose trashing took this one along; restoring it brings them all back. */
  trash_root_id: string | null;
}

export interface DocumentsTable {
  id: string;
  workspace_id: string;
  folder_id: string;
  name: string;
  name_key: string;
  /** Number of the current version, and that version's bytes (copied for one-query listings). */
  current_version: number;
  size: number;
  sha256: string;
  content_type: string;
  /** Grows with every change; the ETag. */
  version: number;
  created_by: string | null;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  deleted_by: string | null;
  trash_root_id: string | null;
}

export interface DocumentVersionsTable {
  id: string;
  document_id: string;
  number: number;
  /** The name the bytes were uploaded under. */
  name: string;
  size: number;
  /** Address of the bytes in the blob store. */
  sha256: string;
  /** Detected from the bytes, never taken from the client. */
  content_type: string;
  uploaded_by: string | null;
  /** Set when this version is an older one restored. */
  restored_from: number | null;
  created_at: string;
  /** 1 when guests could see into its folder as it was uploaded; 0 keeps it from them once it is no longer current. */
  shared_with_guests: number;
}

export type {
  ActivitiesTable,
  ActivityAttendeesTable,
  CalendarFeedsTable,
  CommentMentionsTable,
  CommentsTable,
  NotesTable,
  NoteVersionsTable,
  TaskAssigneesTable,
  TaskAttachmentsTable,
  TaskChecklistItemsTable,
  TaskRemindersTable,
  TasksTable,
} from './schema-work-items.js';

export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  password_resets: PasswordResetsTable;
  auth_failures: AuthFailuresTable;
  settings: SettingsTable;
  audit_events: AuditEventsTable;
  external_organizations: ExternalOrganizationsTable;
  external_organization_domains: ExternalOrganizationDomainsTable;
  topics: TopicsTable;
  workspaces: WorkspacesTable;
  workspace_fields: WorkspaceFieldsTable;
  memberships: MembershipsTable;
  invitations: InvitationsTable;
  folders: FoldersTable;
  documents: DocumentsTable;
  document_versions: DocumentVersionsTable;
  tasks: TasksTable;
  task_assignees: TaskAssigneesTable;
  task_checklist_items: TaskChecklistItemsTable;
  task_attachments: TaskAttachmentsTable;
  notes: NotesTable;
  note_versions: NoteVersionsTable;
  activities: ActivitiesTable;
  activity_attendees: ActivityAttendeesTable;
  comments: CommentsTable;
  comment_mentions: CommentMentionsTable;
  calendar_feeds: CalendarFeedsTable;
  task_reminders: TaskRemindersTable;
  event_consumers: EventConsumersTable;
  jobs: JobsTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  folder_watches: FolderWatchesTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  webhook_allowed_hosts: WebhookAllowedHostsTable;
}
