import type { StreamItem, StreamTargetType } from './types';

const enc = encodeURIComponent;

/** What happened, as a phrase that follows the person's name ("Ana … the task"). */
const VERBS: Record<string, string> = {
  'task.created': 'created the task',
  'task.updated': 'changed the task',
  'task.status_changed': 'moved the task along:',
  'task.item_ticked': 'ticked a checklist item of',
  'task.document_attached': 'attached a document to',
  'note.created': 'wrote the note',
  'note.updated': 'edited the note',
  'note.restored': 'restored an earlier version of',
  'activity.created': 'planned',
  'activity.updated': 'changed the activity',
  'activity.confirmed': 'confirmed',
  'activity.done': 'reported done:',
  'document.uploaded': 'uploaded',
  'document.updated': 'changed the document',
  'document.restored': 'restored from the trash:',
  'document.version_restored': 'restored an earlier version of',
  'folder.created': 'created the folder',
  'comment.created': 'commented on',
  'member.joined': 'joined the workspace',
};

export function describeAction(action: string): string {
  return VERBS[action] ?? 'changed';
}

const PATHS: Record<StreamTargetType, string> = {
  task: 'tasks',
  note: 'notes',
  activity: 'activities',
  document: 'documents',
  folder: 'folders',
};

/** The page of the item an event is about. */
export function targetHref(workspaceId: string, target: NonNullable<StreamItem['target']>): string {
  return `/workspaces/${enc(workspaceId)}/${PATHS[target.type]}/${enc(target.id)}`;
}
