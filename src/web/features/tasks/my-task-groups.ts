import { groupOrder } from './labels';
import type { DueGroup } from './types';

export interface MyTaskGroup<T> {
  group: DueGroup;
  tasks: T[];
  /** False for the last group shown while more pages wait: its next tasks may still come. */
  complete: boolean;
}

/**
 * The loaded pages of "My tasks" in their due-date groups, empty groups left out. The server sorts
 * by due date (undated last), so the groups fill in order: while `hasMore`, only the last group
 * shown can still grow, and the ones after it have not been reached yet.
 */
export function groupMyTasks<T extends { group: DueGroup }>(items: readonly T[], hasMore: boolean): MyTaskGroup<T>[] {
  const groups = groupOrder
    .map((group) => ({ group, tasks: items.filter((task) => task.group === group), complete: true }))
    .filter((entry) => entry.tasks.length > 0);
  const last = groups.at(-1);
  if (hasMore && last) last.complete = false;
  return groups;
}

/** "(3)", or "(50 so far)" for a group that more pages may still add to. */
export function groupCount(entry: Pick<MyTaskGroup<unknown>, 'tasks' | 'complete'>): string {
  return entry.complete ? `(${entry.tasks.length})` : `(${entry.tasks.length} so far)`;
}
