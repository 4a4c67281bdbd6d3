// Shapes of the JSON the server answers with. Kept in one place so a contract change
// shows up as type errors across every feature that relies on it.

import type { OrgAbility, UserKind, UserRole, UserStatus } from '../../shared/accounts';

export type { UserKind, UserRole, UserStatus };

export interface User {
  id: string;
  email: string;
  name: string;
  kind: UserKind;
  role: UserRole;
  status: UserStatus;
  createdAt: string;
  lastSignInAt: string | null;
  abilities: string[];
}

export interface Instance {
  organizationName: string | null;
  needsSetup: boolean;
  passwordMinLength: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Abilities on the signed-in person that unlock parts of the interface. */
export const Ability = {
  manageUsers: 'users.manage',
  manageSettings: 'settings.manage',
} as const satisfies Record<string, OrgAbility>;
