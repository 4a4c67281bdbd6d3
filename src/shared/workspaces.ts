// Workspace, membership and invitation vocabulary shared by the server and the web UI.

export const WORKSPACE_STATUSES = ['active', 'archived'] as const;
export type WorkspaceStatus = (typeof WORKSPACE_STATUSES)[number];

/** Employees are managers or members; outsiders are guests or viewers (read-only guests). */
export const MEMBER_ROLES = ['manager', 'member', 'guest', 'viewer'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
export const EMPLOYEE_ROLES = ['manager', 'member'] as const satisfies readonly MemberRole[];
export const GUEST_ROLES = ['guest', 'viewer'] as const satisfies readonly MemberRole[];
export const isGuestRole = (role: MemberRole): boolean => role === 'guest' || role === 'viewer';

/** What guests may do in a workspace; all off by default except commenting. */
export const GUEST_SETTINGS = ['upload', 'createTasks', 'comment', 'seeMembers', 'invite'] as const;
export type GuestSetting = (typeof GUEST_SETTINGS)[number];
export type GuestSettings = Record<GuestSetting, boolean>;
export const DEFAULT_GUEST_SETTINGS: GuestSettings = {
  upload: false,
  createTasks: false,
  comment: true,
  seeMembers: false,
  invite: false,
};

export const FIELD_VISIBILITIES = ['guests', 'internal'] as const;
export type FieldVisibility = (typeof FIELD_VISIBILITIES)[number];

/** `expired` is not stored: a sent invitation past its validity is shown as expired. */
export const INVITATION_STATUSES = ['awaiting_approval', 'sent', 'accepted', 'expired', 'revoked', 'rejected'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export const WORKSPACE_ACTIONS = [
  'read',
  'update',
  'archive',
  'restore',
  'read_members',
  'manage_members',
  'invite',
  'invite_employees',
  'read_invitations',
  'create_folder',
  'read_trash',
  'empty_trash',
  'create_task',
  'create_note',
  'create_activity',
  'comment',
] as const;
export type WorkspaceAction = (typeof WORKSPACE_ACTIONS)[number];

export const MEMBER_ACTIONS = ['update', 'remove'] as const;
export type MemberAction = (typeof MEMBER_ACTIONS)[number];

export const INVITATION_ACTIONS = ['read', 'resend', 'revoke', 'copy_link', 'approve', 'reject'] as const;
export type InvitationAction = (typeof INVITATION_ACTIONS)[number];

/** Who may create workspaces and invite guests. */
export const EXTRANET_CREATORS = ['all_employees', 'extranet_group'] as const;
export type ExtranetCreators = (typeof EXTRANET_CREATORS)[number];

export const LIMITS = {
  workspaceName: 200,
  description: 10_000,
  fields: 50,
  fieldLabel: 100,
  fieldValue: 1_000,
  message: 2_000,
  topicName: 100,
  organizationName: 200,
  domains: 100,
  reason: 1_000,
} as const;
