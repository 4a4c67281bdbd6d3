import { randomBytes } from 'node:crypto';
import { type Kysely, PostgresAdapter } from 'kysely';
import { verifyChain } from '../audit/chain.js';
import { record } from '../audit/record.js';
import type { Config } from '../config/config.js';
import type { DB } from '../db/schema.js';
import { normalizeEmail } from '../lib/email.js';
import { hashPassword, passwordProblem } from '../lib/passwords.js';
import { replacePassword } from '../modules/auth/credentials.repo.js';
import { writeInternal } from '../modules/settings/settings.repo.js';
import { findUserByEmail } from '../modules/users/users.repo.js';
import { insertEmployee } from '../modules/users/users.service.js';

export class CliError extends Error {}

interface CliContext {
  db: Kysely<DB>;
  config: Config;
}

/** 24 random bytes: far beyond any minimum length, and unlike anything on a blocklist. */
function generatedPassword(): string {
  return randomBytes(24).toString('base64url');
}

export async function createAdmin(ctx: CliContext, input: { email: string; name?: string | undefined; password?: string | undefined }) {
  const generated = input.password === undefined ? generatedPassword() : undefined;
  const password = input.password ?? (generated as string);
  const user = await ctx.db.transaction().execute(async (trx) => {
    const created = await insertEmployee(trx, ctx, { email: input.email, name: input.name ?? 'Administrator', password, role: 'admin' });
    // With an administrator in place the setup link has no purpose left.
    await writeInternal(trx, 'setup_token_hash', null);
    await record(trx, {
      actorId: null,
      action: 'user.created',
      target: { type: 'user', id: created.id },
      details: { email: created.email, role: 'admin', via: 'command line' },
    });
    return created;
  });
  return { email: user.email, generatedPassword: generated };
}

export async function resetUserPassword(ctx: CliContext, input: { email: string; password?: string | undefined }) {
  const user = await findUserByEmail(ctx.db, normalizeEmail(input.email));
  if (!user) throw new CliError(`No account has the e-mail address ${input.email}.`);
  const generated = input.password === undefined ? generatedPassword() : undefined;
  const password = input.password ?? (generated as string);
  const problem = passwordProblem(password, { minLength: ctx.config.passwordMinLength, email: user.email, name: user.name });
  if (problem) throw new CliError(`Password refused: ${problem}`);
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction().execute(async (trx) => {
    await replacePassword(trx, user.id, passwordHash, { type: 'reset' });
    await record(trx, {
      actorId: null,
      action: 'auth.password_reset',
      target: { type: 'user', id: user.id },
      details: { via: 'command line' },
    });
  });
  return { email: user.email, generatedPassword: generated };
}

/**
 * `foyer audit:verify`: the whole audit log checked link by link; the first broken one is reported.
 * One read transaction, so entries removed meanwhile by retention do not look like a gap.
 */
export function verifyAuditLog(ctx: CliContext) {
  const postgres = ctx.db.getExecutor().adapter instanceof PostgresAdapter;
  const transaction = postgres ? ctx.db.transaction().setIsolationLevel('repeatable read') : ctx.db.transaction();
  return transaction.execute((trx) =>
    verifyChain((afterSeq, limit) =>
      trx.selectFrom('audit_events').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute(),
    ),
  );
}
