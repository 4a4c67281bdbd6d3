import type { Kysely } from 'kysely';
import type { UserRole } from '../../../shared/accounts.js';
import { record } from '../../audit/record.js';
import { type Actor, authorize, requireUser } from '../../authz/index.js';
import type { AppContext, RequestMeta } from '../../context.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { DB } from '../../db/schema.js';
import { HttpProblem, invalid, notFound } from '../../http/problems.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { normalizeEmail } from '../../lib/email.js';
import { newId } from '../../lib/ids.js';
import { hashPassword, passwordProblem } from '../../lib/passwords.js';
import { presentUser } from './users.presenter.js';
import { type DirectoryUserRow, findUserByEmail, findVisibleUser, insertUser, listVisibleUsers, type UserRow } from './users.repo.js';

const emailTaken = (path: string) =>
  new HttpProblem(409, 'Conflict', 'An account with this e-mail address already exists.', [
    { path, message: 'An account with this e-mail address already exists.' },
  ]);

export interface NewEmployee {
  email: string;
  name: string;
  password: string;
  role?: UserRole;
}

/**
 * Creates an employee account inside the caller's transaction. Shared by the admin API, the setup
 * page, unattended start and the command line, so the same checks apply everywhere.
 */
export async function insertEmployee(
  db: Kysely<DB>,
  ctx: Pick<AppContext, 'config'>,
  input: NewEmployee,
  paths = { email: '/email', password: '/password' },
): Promise<UserRow> {
  const email = normalizeEmail(input.email);
  const name = input.name.trim();
  const problem = passwordProblem(input.password, { minLength: ctx.config.passwordMinLength, email, name });
  if (problem) throw invalid(paths.password, problem);
  if (await findUserByEmail(db, email)) throw emailTaken(paths.email);
  const now = new Date().toISOString();
  const row: UserRow = {
    id: newId(),
    email,
    name,
    kind: 'employee',
    role: input.role ?? 'user',
    status: 'active',
    password_hash: await hashPassword(input.password),
    created_at: now,
    updated_at: now,
    last_sign_in_at: null,
    external_organization_id: null,
    visible_to_guests: 0,
    extranet_group: 0,
    suspended_reason: null,
  };
  try {
    await insertUser(db, row);
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken(paths.email);
    throw error;
  }
  return row;
}

export async function createEmployee(ctx: AppContext, actor: Actor, input: NewEmployee, meta: RequestMeta) {
  const caller = requireUser(actor);
  authorize(actor, 'organization', 'create_employee', null);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const created = await insertEmployee(trx, ctx, input);
    await record(trx, {
      actorId: caller.id,
      action: 'user.created',
      target: { type: 'user', id: created.id },
      ip: meta.ip,
      details: { email: created.email, role: created.role },
    });
    return created;
  });
  return presentUser(actor, row);
}

export async function listUsers(ctx: AppContext, actor: Actor, query: { q?: string; limit?: number; cursor?: string }) {
  requireUser(actor);
  const limit = query.limit ?? 50;
  const after = query.cursor ? decodeCursor(query.cursor, ['sortName', 'id']) : undefined;
  const q = query.q?.trim() || undefined;
  const rows = await listVisibleUsers(ctx.db, actor, { limit, ...(q ? { q } : {}), ...(after ? { after } : {}) });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => presentUser(actor, row, { inDirectory: true })),
    nextCursor: rows.length > limit && last ? encodeCursor({ sortName: last.sort_name, id: last.id }) : null,
  };
}

/** One person through the directory scope: whoever the rule hides answers 404 like an unknown id. */
export async function loadVisibleUser(ctx: AppContext, actor: Actor, id: string): Promise<DirectoryUserRow> {
  const row = await findVisibleUser(ctx.db, actor, id);
  if (!row) throw notFound();
  authorize(actor, 'user', 'read', { ...row, inDirectory: true });
  return row;
}

export async function getUser(ctx: AppContext, actor: Actor, id: string) {
  return presentUser(actor, await loadVisibleUser(ctx, actor, id), { inDirectory: true });
}
