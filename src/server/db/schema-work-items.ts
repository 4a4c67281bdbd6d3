// Row types of the work items in a workspace: tasks, notes, planned activities, comments, and
// what hangs on them (calendar feeds, reminders). The DB interface in schema.ts lists them all.
import type { ActivityStatus, ActivityVisibility } from '../../shared/activities.js';
import type { CommentTargetType } from '../../shared/comments.js';
import type { NoteVisibility } from '../../shared/notes.js';
import type { TaskPriority, TaskStatus, TaskVisibility } from '../../shared/tasks.js';
import type { Flag } from './schema.js';

export interface TasksTable {
  id: string;
  workspace_id: string;
  title: string;
  /** Markdown, stored as written. */
  description: string;
  status: TaskStatus;
  priority: TaskPriority;
  /** YYYY-MM-DD. */
  due_on: string | null;
  visibility: TaskVisibility;
  /** Grows with every change; the ETag. */
  version: number;
  created_by: string | null;
  updated_by: string | null;
  completed_by: string | null;
  completed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface TaskAssigneesTable {
  task_id: string;
  user_id: string;
}

export interface TaskChecklistItemsTable {
  id: string;
  task_id: string;
  position: number;
  text: string;
  done: Flag;
  done_by: string | null;
  done_at: string | null;
}

export interface TaskAttachmentsTable {
  task_id: string;
  document_id: string;
  attached_by: string | null;
  attached_at: string;
}

export interface NotesTable {
  id: string;
  workspace_id: string;
  title: string;
  /** Markdown, stored as written; rendered and sanitised for reading. */
  body: string;
  visibility: NoteVisibility;
  /** Number of the current version; the ETag. */
  version: number;
  created_by: string | null;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface NoteVersionsTable {
  id: string;
  note_id: string;
  number: number;
  title: string;
  body: string;
  visibility: NoteVisibility;
  edited_by: string | null;
  restored_from: number | null;
  created_at: string;
}

export interface ActivitiesTable {
  id: string;
  workspace_id: string;
  title: string;
  /** Markdown. */
  description: string;
  location: string;
  starts_at: string;
  ends_at: string;
  /** The organizer's IANA zone, in which the times were chosen. */
  time_zone: string;
  status: ActivityStatus;
  visibility: ActivityVisibility;
  version: number;
  created_by: string | null;
  updated_by: string | null;
  confirmed_by: string | null;
  confirmed_at: string | null;
  done_by: string | null;
  done_at: string | null;
  done_remark: string | null;
  created_at: string;
  updated_at: string;
}

export interface ActivityAttendeesTable {
  activity_id: string;
  user_id: string;
}

export interface CommentsTable {
  id: string;
  workspace_id: string;
  /** The item commented on: its kind and id. */
  target_type: CommentTargetType;
  target_id: string;
  /** Markdown, stored as written; rendered and sanitised for reading. */
  body: string;
  created_by: string | null;
  created_at: string;
  edited_at: string | null;
  /** Set when deleted: the comment leaves every list, the row stays for the audit trail. */
  deleted_at: string | null;
  /** 1 when guests could see the item as the comment was written; 0 keeps it from them for good. */
  shared_with_guests: Flag;
}

export interface CommentMentionsTable {
  comment_id: string;
  user_id: string;
}

export interface CalendarFeedsTable {
  user_id: string;
  /** Random; the feed URL is this id and its HMAC with the link key. A new id kills the old URL. */
  feed_id: string;
  created_at: string;
}

export interface TaskRemindersTable {
  task_id: string;
  user_id: string;
  /** The due date the reminder is about (YYYY-MM-DD): a changed date gets its own reminder. */
  due_on: string;
  /** When a run claimed the e-mail; a claim never followed by `sent_at` is taken over after a while. */
  claimed_at: string;
  sent_at: string | null;
}
