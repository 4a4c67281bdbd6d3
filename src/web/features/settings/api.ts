import { api } from '../../lib/api-client';
import type { ExtranetPolicies, Settings } from '../../lib/api-types';

export type { Settings };

export type SettingsChange = Partial<ExtranetPolicies> & { organizationName?: string; extranetEnabled?: boolean };

export function getSettings(signal: AbortSignal): Promise<Settings> {
  return api.get<Settings>('/api/v1/settings', { signal });
}

export function updateSettings(change: SettingsChange): Promise<Settings> {
  return api.patch<Settings>('/api/v1/settings', change);
}
