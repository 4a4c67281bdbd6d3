import { Type } from 'typebox';
import type { Actor } from '../../authz/actor.js';
import { can } from '../../authz/index.js';
import { IdSchema } from '../../http/schemas.js';
import type { ExternalOrganizationRow } from './external-organizations.repo.js';

export const ExternalOrganizationSchema = Type.Object({
  id: IdSchema,
  name: Type.String(),
  domains: Type.Array(Type.String(), { description: 'E-mail domains of its people; each also covers its subdomains' }),
  guestCount: Type.Integer({ minimum: 0, description: 'Active guest accounts of this organization' }),
  abilities: Type.Array(Type.Enum(['read', 'update', 'delete'])),
});

export type ExternalOrganizationAbility = 'read' | 'update' | 'delete';

/** Organizations are part of the catalog: one answer for every organization, from the organization policy. */
export function catalogAbilities(actor: Actor): ExternalOrganizationAbility[] {
  if (!can(actor, 'organization', 'read_catalog', null)) return [];
  return can(actor, 'organization', 'manage_extranet', null) ? ['read', 'update', 'delete'] : ['read'];
}

export function presentExternalOrganization(actor: Actor, row: ExternalOrganizationRow, domains: readonly string[]) {
  return { id: row.id, name: row.name, domains: [...domains], guestCount: row.guest_count, abilities: catalogAbilities(actor) };
}
