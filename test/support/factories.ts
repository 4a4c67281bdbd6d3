import type { AppContext } from '../../src/server/context.js';
import { newId } from '../../src/server/lib/ids.js';
import { hashPassword } from '../../src/server/lib/passwords.js';
import type { UserRow } from '../../src/server/modules/users/users.repo.js';
import { insertEmployee } from '../../src/server/modules/users/users.service.js';
import type { UserRole } from '../../src/shared/accounts.js';

export const PASSWORD = 'correct horse battery staple';

let counter = 0;

/** An employee straight in the database (through the same insert the API uses), with a known password. */
export async function makeEmployee(ctx: AppContext, fields: { role?: UserRole; name?: string; email?: string; password?: string } = {}) {
  counter += 1;
  const n = `${Date.now().toString(36)}${counter}`;
  const password = fields.password ?? PASSWORD;
  const user = await insertEmployee(ctx.db, ctx, {
    email: fields.email ?? `employee-${n}@company.example`,
    name: fields.name ?? `Employee ${n}`,
    password,
    role: fields.role ?? 'user',
  });
  return { ...user, password };
}

export const makeAdmin = (ctx: AppContext, fields: { name?: string; email?: string } = {}) =>
  makeEmployee(ctx, { ...fields, role: 'admin' });

/**
 * A guest account. Invitations arrive in a later issue; until then guests exist only as rows, which
 * is enough to prove the directory rule already keeps them in the hallway.
 */
export async function makeGuest(ctx: AppContext, fields: { name?: string; email?: string } = {}): Promise<UserRow & { password: string }> {
  counter += 1;
  const n = `${Date.now().toString(36)}${counter}`;
  const now = new Date().toISOString();
  const row: UserRow = {
    id: newId(),
    email: fields.email ?? `guest-${n}@supplier.example`,
    name: fields.name ?? `Guest ${n}`,
    kind: 'guest',
    role: 'user',
    status: 'active',
    password_hash: await hashPassword(PASSWORD),
    created_at: now,
    updated_at: now,
    last_sign_in_at: null,
    external_organization_id: null,
    visible_to_guests: 0,
    extranet_group: 0,
    suspended_reason: null,
  };
  await ctx.db.insertInto('users').values(row).execute();
  return { ...row, password: PASSWORD };
}
