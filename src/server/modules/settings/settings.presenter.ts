import { Type } from 'typebox';
import { EXTRANET_CREATORS, LIMITS } from '../../../shared/workspaces.js';
import { type Actor, isAdmin } from '../../authz/actor.js';
import { can } from '../../authz/index.js';
import { NameSchema } from '../../http/schemas.js';
import type { OrganizationSettings } from './settings.repo.js';

/** Upper bounds that keep numbers meaningful; 0 means "no limit" where the contract says so. */
export const POLICY_MAXIMA = {
  guestSeatLimit: 1_000_000,
  inviterQuota: 100_000,
  guestDefaultAccessDays: 3_650,
  guestMaxAccessDays: 3_650,
  invitationValidityDays: 90,
} as const;

const count = (maximum: number, description: string) => Type.Integer({ minimum: 0, maximum, description });
const DomainListSchema = Type.Array(Type.String({ maxLength: 300 }), {
  maxItems: LIMITS.domains,
  description: 'E-mail domains; a domain also covers its subdomains',
});

/** Every policy field, as it is read and written. */
const policyFields = {
  extranetEnabled: Type.Boolean(),
  workspaceCreators: Type.Enum(EXTRANET_CREATORS),
  invitationApproval: Type.Boolean(),
  allowedGuestDomains: DomainListSchema,
  blockedGuestDomains: DomainListSchema,
  guestSeatLimit: count(POLICY_MAXIMA.guestSeatLimit, 'Active guest accounts allowed; 0 = unlimited'),
  inviterQuota: count(POLICY_MAXIMA.inviterQuota, 'Open invitations plus active guests one employee may sponsor; 0 = unlimited'),
  guestDefaultAccessDays: count(POLICY_MAXIMA.guestDefaultAccessDays, 'Membership end date proposed for new guests; 0 = none'),
  guestMaxAccessDays: count(POLICY_MAXIMA.guestMaxAccessDays, 'Latest allowed end of a guest membership, in days; 0 = no limit'),
  guestsSeeOwnOrganization: Type.Boolean(),
  guestsSeeEmployeeEmails: Type.Boolean(),
  invitationValidityDays: Type.Integer({ minimum: 1, maximum: POLICY_MAXIMA.invitationValidityDays }),
  suspendGuestsWithoutWorkspace: Type.Boolean(),
};

const optionalPolicyFields = Type.Partial(Type.Object(policyFields)).properties;

export const SettingsChangeSchema = Type.Object({ organizationName: Type.Optional(NameSchema), ...optionalPolicyFields });

/** People who do not govern the extranet receive only the name, whether it is on, and abilities. */
export const SettingsSchema = Type.Object({
  organizationName: Type.Union([Type.String(), Type.Null()]),
  ...optionalPolicyFields,
  extranetEnabled: policyFields.extranetEnabled,
  guestSeatsUsed: Type.Optional(Type.Integer({ minimum: 0, description: 'Active guest accounts (read-only)' })),
  abilities: Type.Array(Type.String(), {
    description: '`read`; `update` (the policies); `rename` (the organization name, administrators only)',
  }),
});

/** Those who may change the policies may read all of them. */
export const readsPolicies = (actor: Actor): boolean => can(actor, 'organization', 'update_settings', null);

function settingsAbilities(actor: Actor): string[] {
  const list: string[] = [];
  if (can(actor, 'organization', 'read_settings', null)) list.push('read');
  if (readsPolicies(actor)) list.push('update');
  if (isAdmin(actor)) list.push('rename');
  return list;
}

/** `guestSeatsUsed` is only counted for those who read the policies. */
export function presentSettings(actor: Actor, settings: OrganizationSettings, guestSeatsUsed?: number) {
  const abilities = settingsAbilities(actor);
  if (!readsPolicies(actor) || guestSeatsUsed === undefined) {
    return { organizationName: settings.organizationName, extranetEnabled: settings.extranetEnabled, abilities };
  }
  return { ...settings, guestSeatsUsed, abilities };
}
