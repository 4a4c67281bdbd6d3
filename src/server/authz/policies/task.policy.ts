import { TASK_ACTIONS, type TaskAction, type TaskVisibility } from '../../../shared/tasks.js';
import { type Actor, isEmployee, membershipOf } from '../actor.js';
import type { Policy } from '../policy.js';
import { seesWorkspace, type WorkspaceTarget } from './workspace.policy.js';

export interface TaskTarget {
  id: string;
  workspace: WorkspaceTarget;
  visibility: TaskVisibility;
  createdBy: string | null;
  assigneeIds: readonly string[];
}

/** Guests see the shared tasks of their workspaces; internal ones never. */
export function seesTask(actor: Actor, task: TaskTarget): boolean {
  if (!seesWorkspace(actor, task.workspace)) return false;
  return isEmployee(actor) || task.visibility === 'shared';
}

/** A guest (never a read-only viewer) in the workspace, the task's author or one of its assignees. */
function guestInvolved(actor: Actor, task: TaskTarget, asAuthor: boolean): boolean {
  if (actor.type !== 'user' || membershipOf(actor, task.workspace.id)?.role !== 'guest') return false;
  return task.createdBy === actor.id || (!asAuthor && task.assigneeIds.includes(actor.id));
}

export const taskPolicy: Policy<TaskTarget, TaskAction> = {
  actions: TASK_ACTIONS,
  see: seesTask,
  can(actor, action, task) {
    if (!seesTask(actor, task)) return false;
    if (isEmployee(actor)) return true;
    switch (action) {
      case 'read':
        return true;
      case 'update':
        return guestInvolved(actor, task, true);
      case 'set_status':
      case 'tick':
        return guestInvolved(actor, task, false);
    }
  },
};
