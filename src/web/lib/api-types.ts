// Shapes of the JSON the server answers with. Kept in one place so a contract change
// shows up as type errors across every feature that relies on it.

import type { OrgAbility, UserKind, UserRole, UserStatus } from '../../shared/accounts';
import type {
  ExtranetCreators,
  FieldVisibility,
  GuestSettings,
  InvitationAction,
  InvitationStatus,
  MemberAction,
  MemberRole,
  WorkspaceAction,
  WorkspaceStatus,
} from '../../shared/workspaces';

export type {
  ExtranetCreators,
  FieldVisibility,
  GuestSettings,
  InvitationAction,
  InvitationStatus,
  MemberAction,
  MemberRole,
  UserKind,
  UserRole,
  UserStatus,
  WorkspaceAction,
  WorkspaceStatus,
};

/** Something referred to by id and name only (a sponsor, a topic, an organization on a person). */
export interface NamedRef {
  id: string;
  name: string;
}

export interface User {
  id: string;
  email: string;
  name: string;
  kind: UserKind;
  role: UserRole;
  status: UserStatus;
  createdAt: string;
  lastSignInAt: string | null;
  abilities: string[];
  /** Extranet flags; present only for administrators and extranet administrators. */
  visibleToGuests?: boolean;
  extranetGroup?: boolean;
  externalOrganization?: NamedRef | null;
}

export interface Instance {
  organizationName: string | null;
  needsSetup: boolean;
  passwordMinLength: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Organization-wide abilities the server may put on `GET /api/v1/me`. */
type KnownOrgAbility = OrgAbility | 'workspaces.create' | 'extranet.manage' | 'invitations.approve';

/** Abilities on the signed-in person that unlock parts of the interface. */
export const Ability = {
  manageUsers: 'users.manage',
  manageSettings: 'settings.manage',
  createWorkspaces: 'workspaces.create',
  manageExtranet: 'extranet.manage',
  approveInvitations: 'invitations.approve',
  manageWebhooks: 'webhooks.manage',
} as const satisfies Record<string, KnownOrgAbility>;

/** What the caller may do with a topic or an external organization (the catalog). */
export type CatalogAbility = 'read' | 'update' | 'delete';

export interface Topic extends NamedRef {
  /** Workspaces filed under it, archived ones included (absent on a workspace's own topic). */
  workspaceCount?: number;
  abilities?: CatalogAbility[];
}

export interface ExternalOrganization {
  id: string;
  name: string;
  domains: string[];
  /** Active guest accounts of this organization. */
  guestCount?: number;
  abilities?: CatalogAbility[];
}

export interface WorkspaceField {
  id: string;
  label: string;
  value: string;
  visibility: FieldVisibility;
}

export interface WorkspaceSummary {
  id: string;
  name: string;
  description: string;
  topic: NamedRef | null;
  status: WorkspaceStatus;
  myRole: MemberRole | null;
  updatedAt: string;
  abilities: WorkspaceAction[];
}

export interface Workspace extends WorkspaceSummary {
  fields: WorkspaceField[];
  guestSettings: GuestSettings;
  createdAt: string;
  archivedAt: string | null;
}

export interface MemberUser {
  id: string;
  name: string;
  email?: string;
  kind?: UserKind;
  externalOrganization?: NamedRef | null;
}

export interface Member {
  user: MemberUser;
  role: MemberRole;
  expiresAt: string | null;
  sponsor: NamedRef | null;
  status: 'active' | 'expired';
  abilities: MemberAction[];
}

export interface Invitation {
  id: string;
  workspace: NamedRef;
  email: string;
  role: MemberRole;
  status: InvitationStatus;
  expiresAt: string | null;
  message: string | null;
  /** Null when the inviter's account is gone. */
  inviter: NamedRef | null;
  externalOrganization: NamedRef | null;
  createdAt: string;
  sentAt: string | null;
  linkExpiresAt: string | null;
  rejectionReason: string | null;
  /** Present while the invitation is sent and the caller may copy its link. */
  acceptUrl?: string;
  abilities: InvitationAction[];
}

/** What the public invitation link tells the invited person before they accept. */
export interface InvitationPreview {
  email: string;
  workspaceName: string;
  inviterName: string;
  organizationName: string;
}

export interface AcceptedInvitation {
  user: User;
  workspaceId: string;
}

/** Extranet policies; only administrators and extranet administrators receive them. */
export interface ExtranetPolicies {
  workspaceCreators: ExtranetCreators;
  invitationApproval: boolean;
  allowedGuestDomains: string[];
  blockedGuestDomains: string[];
  guestSeatLimit: number;
  inviterQuota: number;
  guestDefaultAccessDays: number;
  guestMaxAccessDays: number;
  guestsSeeOwnOrganization: boolean;
  guestsSeeEmployeeEmails: boolean;
  invitationValidityDays: number;
  suspendGuestsWithoutWorkspace: boolean;
}

export interface Settings extends Partial<ExtranetPolicies> {
  organizationName: string | null;
  extranetEnabled: boolean;
  /** Read-only count of active guest accounts. */
  guestSeatsUsed?: number;
  abilities: string[];
}
