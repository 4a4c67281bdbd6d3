import { forbidden, notFound, unauthorized } from '../http/problems.js';
import type { Actor, UserActor } from './actor.js';
import { activityPolicy } from './policies/activity.policy.js';
import { apiTokenPolicy } from './policies/api-token.policy.js';
import { commentPolicy } from './policies/comment.policy.js';
import { documentPolicy } from './policies/document.policy.js';
import { folderPolicy } from './policies/folder.policy.js';
import { invitationPolicy } from './policies/invitation.policy.js';
import { memberPolicy } from './policies/member.policy.js';
import { notePolicy } from './policies/note.policy.js';
import { organizationPolicy } from './policies/organization.policy.js';
import { taskPolicy } from './policies/task.policy.js';
import { userPolicy } from './policies/user.policy.js';
import { workspacePolicy } from './policies/workspace.policy.js';
import type { Policy } from './policy.js';

export type { Actor, UserActor } from './actor.js';

/** Every resource kind and its policy. A resource without an entry cannot be authorized at all. */
export const policies = {
  organization: organizationPolicy,
  user: userPolicy,
  apiToken: apiTokenPolicy,
  workspace: workspacePolicy,
  member: memberPolicy,
  invitation: invitationPolicy,
  folder: folderPolicy,
  document: documentPolicy,
  task: taskPolicy,
  note: notePolicy,
  activity: activityPolicy,
  comment: commentPolicy,
} as const;

type Policies = typeof policies;
export type Resource = keyof Policies;
type TargetOf<R extends Resource> = Policies[R] extends Policy<infer T, string> ? T : never;
type ActionOf<R extends Resource> = Policies[R] extends Policy<unknown, infer A> ? A : never;

function policyOf<R extends Resource>(resource: R): Policy<TargetOf<R>, ActionOf<R>> {
  return policies[resource] as unknown as Policy<TargetOf<R>, ActionOf<R>>;
}

export function can<R extends Resource>(actor: Actor, resource: R, action: ActionOf<R>, target: TargetOf<R>): boolean {
  return policyOf(resource).can(actor, action, target);
}

/**
 * The gate every service passes after loading its target: unseen → 404 (identical to "does not
 * exist"), seen but not allowed → 403.
 */
export function authorize<R extends Resource>(actor: Actor, resource: R, action: ActionOf<R>, target: TargetOf<R>): void {
  const policy = policyOf(resource);
  if (!policy.see(actor, target)) throw notFound();
  if (!policy.can(actor, action, target)) throw forbidden();
}

/** What this actor may do with the target, for the `abilities` field the UI builds buttons from. */
export function abilities<R extends Resource>(actor: Actor, resource: R, target: TargetOf<R>): ActionOf<R>[] {
  const policy = policyOf(resource);
  return policy.actions.filter((a) => policy.can(actor, a, target));
}

export function requireUser(actor: Actor): UserActor {
  if (actor.type !== 'user') throw unauthorized();
  return actor;
}
