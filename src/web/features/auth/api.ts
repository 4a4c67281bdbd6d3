import { api } from '../../lib/api-client';
import type { Instance, User } from '../../lib/api-types';

export function getInstance(signal?: AbortSignal): Promise<Instance> {
  return api.get<Instance>('/api/v1/instance', { signal });
}

/** Who is signed in; 401 just means nobody, so it must not count as an ended session. */
export function getMe(signal?: AbortSignal): Promise<User> {
  return api.get<User>('/api/v1/me', { signal, expectUnauthorized: true });
}

export async function signIn(input: { email: string; password: string }): Promise<User> {
  const result = await api.post<{ user: User }>('/api/v1/auth/login', input, { expectUnauthorized: true });
  return result.user;
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
