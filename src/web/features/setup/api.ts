import { api } from '../../lib/api-client';
import type { User } from '../../lib/api-types';

export interface SetupInput {
  token: string;
  organizationName: string;
  name: string;
  email: string;
  password: string;
}

/** Creates the first administrator; the answer also signs them in. */
export async function completeSetup(input: SetupInput): Promise<User> {
  const result = await api.post<{ user: User }>('/api/v1/setup', input, { expectUnauthorized: true });
  return result.user;
}
