import { api } from '../../lib/api-client';
import type { Instance, User } from '../../lib/api-types';

export function getInstance(signal?: AbortSignal): Promise<Instance> {
  return api.get<Instance>('/api/v1/instance', { signal });
}

/** Who is signed in; 401 just means nobody, so it must not count as an ended session. */
export function getMe(signal?: AbortSignal): Promise<User> {
  return api.get<User>('/api/v1/me', { signal, expectUnauthorized: true });
}

/**
 * Signs in and answers with /me: the login answer describes the account, but only /me carries
 * the organization-wide abilities (users.manage, …) the navigation is built from.
 */
export async function signIn(input: { email: string; password: string }): Promise<User> {
  await api.post<{ user: User }>('/api/v1/auth/login', input, { expectUnauthorized: true });
  return getMe();
}

export function signOut(): Promise<void> {
  return api.post<void>('/api/v1/auth/logout', undefined, { expectUnauthorized: true });
}

export function requestPasswordReset(input: { email: string }): Promise<void> {
  return api.post<void>('/api/v1/auth/password/forgot', input, { expectUnauthorized: true });
}

export function resetPassword(input: { token: string; password: string }): Promise<void> {
  return api.post<void>('/api/v1/auth/password/reset', input, { expectUnauthorized: true });
}
