// Account vocabulary shared by the server and the web UI.
export const USER_KINDS = ['employee', 'guest'] as const;
export type UserKind = (typeof USER_KINDS)[number];

export const USER_ROLES = ['admin', 'extranet_admin', 'user'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const USER_STATUSES = ['active', 'suspended'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** Organization-wide abilities carried by `GET /api/v1/me`; the UI shows admin pages from these. */
export const ORG_ABILITIES = [
  'users.manage',
  'settings.manage',
  'workspaces.create',
  'extranet.manage',
  'invitations.approve',
  'webhooks.manage',
] as const;
export type OrgAbility = (typeof ORG_ABILITIES)[number];

export const DEFAULT_PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1024;
