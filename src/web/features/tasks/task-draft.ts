import type { TheirChange } from '../../components/ui/kept-draft-notice';
import type { NamedRef } from '../../lib/api-types';
import type { TaskChange } from './api';
import type { Task } from './types';

/** An edit the server refused because someone else changed the task first: what was to be saved, on which version. */
export interface TaskDraft {
  change: TaskChange;
  base: Task;
  etag: string | null;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((value, i) => value === b[i]);
const checklistKey = (items: readonly { id?: string; text: string }[]) => items.map((item) => `${item.id ?? ''}\n${item.text}`);
const idsOf = (task: Task) => task.assignees.map((person) => person.id);

/**
 * The person's change re-applied to `latest`, three ways against `base`: of the assignees and the
 * checklist, only what the person added, removed or reworded is taken over, so what someone else
 * added, removed or reworded meanwhile stays as they left it. An item someone else removed comes
 * back only if the person reworded it.
 */
export function mergeDraft(draft: TaskDraft, latest: Task): TaskChange {
  const { change, base } = draft;
  const next: TaskChange = { ...change };
  if (change.assigneeIds) {
    const before = new Set(idsOf(base));
    const mine = new Set(change.assigneeIds);
    const kept = idsOf(latest).filter((id) => mine.has(id) || !before.has(id));
    next.assigneeIds = [...kept, ...change.assigneeIds.filter((id) => !before.has(id) && !kept.includes(id))];
  }
  if (change.checklist) {
    const baseText = new Map(base.checklist.map((item) => [item.id, item.text]));
    const reworded = (item: { id?: string; text: string }) => item.id !== undefined && baseText.get(item.id) !== item.text;
    const mine = new Map(change.checklist.flatMap((item) => (item.id ? [[item.id, item] as const] : [])));
    const latestIds = new Set(latest.checklist.map((item) => item.id));
    const theirs = latest.checklist
      .filter((item) => !baseText.has(item.id) || mine.has(item.id))
      .map((item) => {
        const own = mine.get(item.id);
        return { id: item.id, text: own && reworded(own) ? own.text : item.text };
      });
    const revived = change.checklist
      .filter((item) => item.id && !latestIds.has(item.id) && reworded(item))
      .map((item) => ({ text: item.text }));
    const added = change.checklist.filter((item) => !item.id || !baseText.has(item.id)).map((item) => ({ text: item.text }));
    next.checklist = [...theirs, ...revived, ...added];
  }
  return next;
}

/** The task as the edit form should start: the latest version with the person's (merged) changes on top. */
export function withDraft(latest: Task, change: TaskChange, names: ReadonlyMap<string, string>): Task {
  const next: Task = { ...latest };
  if (change.title !== undefined) next.title = change.title;
  if (change.description !== undefined) next.description = change.description;
  if (change.priority !== undefined) next.priority = change.priority;
  if (change.dueOn !== undefined) next.dueOn = change.dueOn;
  if (change.visibility !== undefined) next.visibility = change.visibility;
  if (change.assigneeIds) next.assignees = change.assigneeIds.map((id): NamedRef => ({ id, name: names.get(id) ?? 'Someone' }));
  if (change.checklist)
    next.checklist = change.checklist.map((item) => {
      const known = latest.checklist.find((existing) => existing.id === item.id);
      // No id: the form treats the row as a new item.
      return known ? { ...known, text: item.text } : { id: '', text: item.text, done: false, doneBy: null, doneAt: null };
    });
  return next;
}

/** Leaves out what already is as `latest` has it. */
export function withoutUnchanged(change: TaskChange, latest: Task): TaskChange {
  const next: TaskChange = { ...change };
  if (next.title === latest.title) delete next.title;
  if (next.description === latest.description) delete next.description;
  if (next.priority === latest.priority) delete next.priority;
  if (next.dueOn === latest.dueOn) delete next.dueOn;
  if (next.visibility === latest.visibility) delete next.visibility;
  if (next.assigneeIds && next.visibility === undefined && sameList([...next.assigneeIds].sort(), idsOf(latest).sort()))
    delete next.assigneeIds;
  if (next.checklist && sameList(checklistKey(next.checklist), checklistKey(latest.checklist))) delete next.checklist;
  return next;
}

/** The fields the person changed that someone else changed too (from `base` to `latest`); saving keeps the person's. */
export function bothChanged(draft: TaskDraft, latest: Task): TheirChange[] {
  const { change, base } = draft;
  const theirs: TheirChange[] = [];
  if (change.title !== undefined && base.title !== latest.title) theirs.push({ label: 'Title', value: latest.title });
  if (change.description !== undefined && base.description !== latest.description)
    theirs.push({ label: 'Description', value: latest.description });
  if (change.priority !== undefined && base.priority !== latest.priority) theirs.push({ label: 'Priority', value: null });
  if (change.dueOn !== undefined && base.dueOn !== latest.dueOn) theirs.push({ label: 'Due date', value: null });
  if (change.visibility !== undefined && base.visibility !== latest.visibility) theirs.push({ label: 'Visibility', value: null });
  // Checklists merge item by item: only an item both reworded (or one reworded and the other removed) clashes.
  const baseText = new Map(base.checklist.map((item) => [item.id, item.text]));
  const latestText = new Map(latest.checklist.map((item) => [item.id, item.text]));
  const clashes = (change.checklist ?? []).filter(
    (item) => item.id && baseText.has(item.id) && baseText.get(item.id) !== item.text && latestText.get(item.id) !== baseText.get(item.id),
  );
  if (clashes.length > 0)
    theirs.push({
      label: 'Checklist',
      value: clashes.map((item) => latestText.get(item.id as string) ?? '(removed)').join('\n'),
    });
  return theirs;
}
