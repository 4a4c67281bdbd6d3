import { api, apiRequestWithEtag, type WithEtag } from '../../lib/api-client';
import type { FieldVisibility, GuestSettings, Page, Topic, Workspace, WorkspaceStatus, WorkspaceSummary } from '../../lib/api-types';
import { withQuery } from '../../lib/query';

export const pageSize = 25;

const workspacePath = (id: string) => `/api/v1/workspaces/${encodeURIComponent(id)}`;

export interface WorkspaceFilters {
  q: string;
  status: WorkspaceStatus;
  topicId: string;
}

export function listWorkspaces(filters: Partial<WorkspaceFilters>, cursor: string | null, signal: AbortSignal, limit = pageSize) {
  const query = { q: filters.q?.trim(), status: filters.status, topicId: filters.topicId, limit, cursor };
  return api.get<Page<WorkspaceSummary>>(withQuery('/api/v1/workspaces', query), { signal });
}

export function getWorkspace(id: string, signal: AbortSignal): Promise<WithEtag<Workspace>> {
  return apiRequestWithEtag<Workspace>('GET', workspacePath(id), { signal });
}

export interface WorkspaceInput {
  name: string;
  description: string;
  topicId: string | null;
  fields: Array<{ label: string; value: string; visibility: FieldVisibility }>;
  guestSettings: GuestSettings;
}

export function createWorkspace(input: WorkspaceInput): Promise<Workspace> {
  // A new workspace has nothing to clear: leave empty optional fields out.
  const { topicId, description, ...rest } = input;
  return api.post<Workspace>('/api/v1/workspaces', {
    ...rest,
    ...(description === '' ? {} : { description }),
    ...(topicId === null ? {} : { topicId }),
  });
}

/** Saves only if nobody changed the workspace since `etag` was read; 412 otherwise. */
export function updateWorkspace(id: string, input: WorkspaceInput, etag: string | null): Promise<WithEtag<Workspace>> {
  return apiRequestWithEtag<Workspace>('PATCH', workspacePath(id), {
    body: input,
    ...(etag ? { headers: { 'If-Match': etag } } : {}),
  });
}

export function archiveWorkspace(id: string): Promise<WithEtag<Workspace>> {
  return apiRequestWithEtag<Workspace>('POST', `${workspacePath(id)}/archive`);
}

export function restoreWorkspace(id: string): Promise<WithEtag<Workspace>> {
  return apiRequestWithEtag<Workspace>('POST', `${workspacePath(id)}/restore`);
}

/** Lists that are short by nature and come whole, in one page. */
export async function getAll<T>(path: string, signal?: AbortSignal): Promise<T[]> {
  return (await api.get<Page<T>>(path, { signal })).items;
}

export function listTopics(signal?: AbortSignal): Promise<Topic[]> {
  return getAll<Topic>('/api/v1/topics', signal);
}
