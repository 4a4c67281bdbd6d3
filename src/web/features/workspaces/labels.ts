import type { GuestSetting } from '../../../shared/workspaces';
import type { MemberRole, WorkspaceAction, WorkspaceStatus } from '../../lib/api-types';

export const memberRoleLabels: Record<MemberRole, string> = {
  manager: 'Manager',
  member: 'Member',
  guest: 'Guest',
  viewer: 'Viewer',
};

export const workspaceStatusLabels: Record<WorkspaceStatus, string> = { active: 'Active', archived: 'Archived' };

/** Checkbox labels of the guest settings, in the order the form shows them. */
export const guestSettingLabels: Record<GuestSetting, string> = {
  upload: 'Guests may upload',
  createTasks: 'Guests may create tasks',
  comment: 'Guests may comment',
  seeMembers: 'Guests may see the member list',
  invite: 'Guests may invite others',
};

/** Workspace abilities the server sends; the page shows only what they allow. */
export const WorkspaceAbility = {
  update: 'update',
  archive: 'archive',
  restore: 'restore',
  readMembers: 'read_members',
  manageMembers: 'manage_members',
  invite: 'invite',
  inviteEmployees: 'invite_employees',
  readInvitations: 'read_invitations',
} as const satisfies Record<string, WorkspaceAction>;
