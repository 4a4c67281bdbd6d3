import { api } from '../../lib/api-client';
import type { CatalogAbility, ExternalOrganization, Topic, User } from '../../lib/api-types';
import { getAll } from '../workspaces/api';

/** Catalog entries list what the caller may do with them; an older answer without the list allows all. */
export function allows(abilities: readonly CatalogAbility[] | undefined, action: CatalogAbility): boolean {
  return abilities === undefined || abilities.includes(action);
}

const topicPath = (id: string) => `/api/v1/topics/${encodeURIComponent(id)}`;
const organizationPath = (id: string) => `/api/v1/external-organizations/${encodeURIComponent(id)}`;

export function createTopic(name: string): Promise<Topic> {
  return api.post<Topic>('/api/v1/topics', { name });
}

export function renameTopic(id: string, name: string): Promise<Topic> {
  return api.patch<Topic>(topicPath(id), { name });
}

export function deleteTopic(id: string): Promise<void> {
  return api.delete(topicPath(id));
}

export function listExternalOrganizations(signal?: AbortSignal): Promise<ExternalOrganization[]> {
  return getAll<ExternalOrganization>('/api/v1/external-organizations', signal);
}

export interface OrganizationInput {
  name: string;
  domains: string[];
}

export function createExternalOrganization(input: OrganizationInput): Promise<ExternalOrganization> {
  return api.post<ExternalOrganization>('/api/v1/external-organizations', input);
}

export function updateExternalOrganization(id: string, input: Partial<OrganizationInput>): Promise<ExternalOrganization> {
  return api.patch<ExternalOrganization>(organizationPath(id), input);
}

export function deleteExternalOrganization(id: string): Promise<void> {
  return api.delete(organizationPath(id));
}

export type ExtranetFlags = Partial<Pick<User, 'visibleToGuests' | 'extranetGroup'>> & { externalOrganizationId?: string | null };

/** A person's extranet flags (administrators and extranet administrators). */
export function updateExtranetFlags(userId: string, change: ExtranetFlags): Promise<User> {
  return api.patch<User>(`/api/v1/users/${encodeURIComponent(userId)}`, change);
}
