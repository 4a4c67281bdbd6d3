import type { UserKind, UserRole, UserStatus } from '../../lib/api-types';

export const roleOptions: ReadonlyArray<{ value: UserRole; label: string }> = [
  { value: 'user', label: 'Employee' },
  { value: 'extranet_admin', label: 'Extranet administrator' },
  { value: 'admin', label: 'Administrator' },
];

export function roleLabel(role: UserRole, kind: UserKind): string {
  // A guest's plain "user" role is not an employee; say what they are instead.
  if (role === 'user' && kind === 'guest') return 'Guest';
  return roleOptions.find((option) => option.value === role)?.label ?? role;
}

export const kindLabels: Record<UserKind, string> = { employee: 'Employee', guest: 'Guest' };
export const statusLabels: Record<UserStatus, string> = { active: 'Active', suspended: 'Suspended' };

/** Abilities the server puts on each listed person for the signed-in administrator. */
export const RowAbility = { suspend: 'suspend', changeRole: 'change_role' } as const;
