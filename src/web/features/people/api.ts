import { api } from '../../lib/api-client';
import type { Page, User, UserRole, UserStatus } from '../../lib/api-types';
import { withQuery } from '../../lib/query';

export const pageSize = 25;

export function listUsers(query: string, cursor: string | null, signal: AbortSignal): Promise<Page<User>> {
  return api.get<Page<User>>(withQuery('/api/v1/users', { q: query.trim(), limit: pageSize, cursor }), { signal });
}

export interface NewEmployee {
  name: string;
  email: string;
  password: string;
  role: UserRole;
}

export function createEmployee(input: NewEmployee): Promise<User> {
  return api.post<User>('/api/v1/users', input);
}

export function updateUser(id: string, change: { status?: UserStatus; role?: UserRole }): Promise<User> {
  return api.patch<User>(`/api/v1/users/${encodeURIComponent(id)}`, change);
}
