import { api } from '../../lib/api-client';
import type { Page, User } from '../../lib/api-types';
import { withQuery } from '../../lib/query';

export interface ApiToken {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface CreatedApiToken {
  id: string;
  name: string;
  createdAt: string;
  /** The secret itself; the server never shows it again. */
  token: string;
}

export function updateMyName(name: string): Promise<User> {
  return api.patch<User>('/api/v1/me', { name });
}

export function changeMyPassword(input: { currentPassword: string; newPassword: string }): Promise<void> {
  return api.post<void>('/api/v1/me/password', input);
}

export function listMyTokens(cursor: string | null, signal: AbortSignal): Promise<Page<ApiToken>> {
  return api.get<Page<ApiToken>>(withQuery('/api/v1/me/tokens', { limit: 50, cursor }), { signal });
}

export function createMyToken(name: string): Promise<CreatedApiToken> {
  return api.post<CreatedApiToken>('/api/v1/me/tokens', { name });
}

export function revokeMyToken(id: string): Promise<void> {
  return api.delete(`/api/v1/me/tokens/${encodeURIComponent(id)}`);
}
