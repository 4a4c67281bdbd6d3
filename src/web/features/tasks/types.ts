import type { DueGroup, TaskAction, TaskPriority, TaskStatus, TaskVisibility } from '../../../shared/tasks';
import type { NamedRef } from '../../lib/api-types';

export type { DueGroup, TaskAction, TaskPriority, TaskStatus, TaskVisibility };

export interface ChecklistItem {
  id: string;
  text: string;
  done: boolean;
  doneBy: NamedRef | null;
  doneAt: string | null;
}

/** A document attached to a task; only those the reader may see are listed. */
export interface TaskAttachment {
  id: string;
  name: string;
  size: number;
  attachedBy: NamedRef | null;
  attachedAt: string;
}

export interface Task {
  id: string;
  workspaceId: string;
  title: string;
  /** Plain text for now: shown with its line breaks, never as HTML. */
  description: string;
  status: TaskStatus;
  priority: TaskPriority;
  /** A calendar date, YYYY-MM-DD. */
  dueOn: string | null;
  visibility: TaskVisibility;
  assignees: NamedRef[];
  checklist: ChecklistItem[];
  attachments: TaskAttachment[];
  createdBy: NamedRef | null;
  updatedBy: NamedRef | null;
  completedBy: NamedRef | null;
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
  abilities: TaskAction[];
}

/** A task in "My tasks": where it lives and in which due-date group it falls for the reader's today. */
export interface MyTask extends Task {
  workspace: NamedRef;
  group: DueGroup;
}

export type TaskSort = 'due' | 'created' | 'title';
