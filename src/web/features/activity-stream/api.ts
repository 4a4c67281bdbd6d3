import { api } from '../../lib/api-client';
import type { Page } from '../../lib/api-types';
import type { StreamItem } from './types';

const enc = encodeURIComponent;

export function getStreamPage(workspaceId: string, cursor: string | null, signal: AbortSignal): Promise<Page<StreamItem>> {
  const query = new URLSearchParams({ limit: '20', ...(cursor ? { cursor } : {}) });
  return api.get<Page<StreamItem>>(`/api/v1/workspaces/${enc(workspaceId)}/activity-stream?${query}`, { signal });
}
