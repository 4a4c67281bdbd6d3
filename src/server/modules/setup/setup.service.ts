import { record } from '../../audit/record.js';
import { publicOrigin } from '../../config/config.js';
import type { AppContext, RequestMeta } from '../../context.js';
import { HttpProblem, notFound } from '../../http/problems.js';
import { hashSecret, newSecret, sameSecret } from '../../lib/secrets.js';
import { sessionTimeouts } from '../auth/auth.service.js';
import { createSession } from '../auth/session.repo.js';
import { beginAttempt } from '../auth/throttle.repo.js';
import { readInternal, takeInternal, writeInternal, writeSettings } from '../settings/settings.repo.js';
import { countAdmins } from '../users/users.repo.js';
import { insertEmployee } from '../users/users.service.js';

export async function needsSetup(ctx: Pick<AppContext, 'db'>): Promise<boolean> {
  return (await countAdmins(ctx.db)) === 0;
}

/**
 * While no administrator exists, each start issues a fresh one-time setup link (the previous one
 * stops working). The token travels in the URL fragment, so it never reaches a server log.
 */
export async function issueSetupLink(ctx: Pick<AppContext, 'db' | 'config'>): Promise<string | null> {
  if (!(await needsSetup(ctx))) {
    await writeInternal(ctx.db, 'setup_token_hash', null);
    return null;
  }
  const secret = newSecret();
  await writeInternal(ctx.db, 'setup_token_hash', hashSecret(secret));
  return `${publicOrigin(ctx.config)}/setup#token=${secret}`;
}

export interface SetupInput {
  token: string;
  organizationName: string;
  name: string;
  email: string;
  password: string;
}

export async function completeSetup(ctx: AppContext, input: SetupInput, meta: RequestMeta) {
  const attempt = await beginAttempt(ctx.db, [{ key: `setup-ip:${meta.ip}`, max: 10 }]);
  const result = await ctx.db.transaction().execute(async (trx) => {
    const stored = await readInternal(trx, 'setup_token_hash');
    if (!stored || !sameSecret(stored, hashSecret(input.token)) || (await countAdmins(trx)) > 0) return null;
    // Spend the link first, guarded on its value: of two simultaneous requests only one deletes
    // the row, so only one administrator is created (PostgreSQL runs them side by side).
    if (!(await takeInternal(trx, 'setup_token_hash', stored))) return null;
    const user = await insertEmployee(trx, ctx, { email: input.email, name: input.name, password: input.password, role: 'admin' });
    await writeSettings(trx, { organizationName: input.organizationName.trim() });
    const secret = await createSession(trx, user.id, sessionTimeouts(ctx), meta);
    // Setup signs the administrator in, so it counts as their first sign-in.
    const signedInAt = new Date().toISOString();
    await trx.updateTable('users').set({ last_sign_in_at: signedInAt }).where('id', '=', user.id).execute();
    user.last_sign_in_at = signedInAt;
    await record(trx, {
      actorId: user.id,
      action: 'setup.completed',
      target: { type: 'user', id: user.id },
      ip: meta.ip,
      details: { organizationName: input.organizationName.trim() },
    });
    return { user, secret };
  });
  if (!result) throw notFound();
  await attempt.succeeded(ctx.db);
  return result;
}

/** Unattended start: FOYER_ADMIN_EMAIL / FOYER_ADMIN_PASSWORD create the first administrator, once. */
export async function bootstrapAdmin(ctx: Pick<AppContext, 'db' | 'config'>): Promise<string | null> {
  const admin = ctx.config.admin;
  if (!admin || !(await needsSetup(ctx))) return null;
  return ctx.db.transaction().execute(async (trx) => {
    const user = await insertEmployee(trx, ctx, { ...admin, role: 'admin' }).catch((error: unknown) => {
      if (!(error instanceof HttpProblem)) throw error;
      const reason = error.errors?.[0]?.message ?? error.detail ?? error.title;
      throw new Error(`FOYER_ADMIN_EMAIL / FOYER_ADMIN_PASSWORD could not create the first administrator: ${reason}`);
    });
    if (ctx.config.organizationName) await writeSettings(trx, { organizationName: ctx.config.organizationName });
    await writeInternal(trx, 'setup_token_hash', null);
    await record(trx, {
      actorId: null,
      action: 'user.created',
      target: { type: 'user', id: user.id },
      details: { email: user.email, role: 'admin', via: 'environment' },
    });
    return user.email;
  });
}
