import { api } from '../../lib/api-client';
import type { User } from '../../lib/api-types';

export interface SetupInput {
  token: string;
  organizationName: string;
  name: string;
  email: string;
  password: string;
}

/**
 * Creates the first administrator, which also signs them in. Answers with /me, which (unlike
 * the setup answer) carries the organization-wide abilities the navigation needs.
 */
export async function completeSetup(input: SetupInput): Promise<User> {
  await api.post<{ user: User }>('/api/v1/setup', input, { expectUnauthorized: true });
  return api.get<User>('/api/v1/me');
}
