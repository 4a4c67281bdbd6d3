import { api } from '../../lib/api-client';

export interface Settings {
  organizationName: string | null;
  extranetEnabled: boolean;
  abilities: string[];
}

export function getSettings(signal: AbortSignal): Promise<Settings> {
  return api.get<Settings>('/api/v1/settings', { signal });
}

export function updateSettings(change: { organizationName?: string; extranetEnabled?: boolean }): Promise<Settings> {
  return api.patch<Settings>('/api/v1/settings', change);
}
