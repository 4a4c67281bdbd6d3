import { record } from '../../audit/record.js';
import { publicOrigin } from '../../config/config.js';
import type { AppContext, RequestMeta } from '../../context.js';
import { invalid } from '../../http/problems.js';
import { normalizeEmail } from '../../lib/email.js';
import { newId } from '../../lib/ids.js';
import { hashPassword, passwordProblem } from '../../lib/passwords.js';
import { hashSecret, newSecret } from '../../lib/secrets.js';
import { HOUR, isoAfter } from '../../lib/time.js';
import { renderMail } from '../../mail/layout.js';
import { readSettings } from '../settings/settings.repo.js';
import { findUserByEmail, findUserById } from '../users/users.repo.js';
import { replacePassword } from './credentials.repo.js';
import { beginAttempt } from './throttle.repo.js';

const RESET_VALID_MS = HOUR;

/**
 * Always answers the same way, in the same time, whether or not the address has an account: the
 * request is counted, and everything that depends on the account happens after the answer.
 */
export async function requestPasswordReset(ctx: AppContext, input: { email: string }, meta: RequestMeta): Promise<void> {
  const email = normalizeEmail(input.email);
  // Every request counts, good or not: this route sends e-mail and must not become a mail cannon.
  await beginAttempt(ctx.db, [
    { key: `reset-request:${email}`, max: 5 },
    { key: `reset-request-ip:${meta.ip}`, max: 20 },
  ]);
  setImmediate(() => {
    sendResetLink(ctx, email, meta).catch((err: unknown) => {
      ctx.log.error({ err }, 'password reset link could not be issued');
    });
  });
}

async function sendResetLink(ctx: AppContext, email: string, meta: RequestMeta): Promise<void> {
  const user = await findUserByEmail(ctx.db, email);
  if (user?.status !== 'active') return;
  const secret = newSecret();
  const now = new Date().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    // Only the newest link works: older unused ones are spent, and long-dead ones are removed.
    await trx.updateTable('password_resets').set({ used_at: now }).where('user_id', '=', user.id).where('used_at', 'is', null).execute();
    await trx
      .deleteFrom('password_resets')
      .where('expires_at', '<', new Date(Date.now() - 24 * HOUR).toISOString())
      .execute();
    await trx
      .insertInto('password_resets')
      .values({
        id: newId(),
        user_id: user.id,
        token_hash: hashSecret(secret),
        created_at: now,
        expires_at: isoAfter(RESET_VALID_MS),
        used_at: null,
      })
      .execute();
    await record(trx, { actorId: user.id, action: 'auth.password_reset_requested', target: { type: 'user', id: user.id }, ip: meta.ip });
  });

  const settings = await readSettings(ctx.db);
  const organization = settings.organizationName ?? 'Foyer';
  const link = `${publicOrigin(ctx.config)}/reset-password#token=${secret}`;
  const body = renderMail({
    greeting: `Hello ${user.name},`,
    paragraphs: [
      `Someone asked to reset the password of your ${organization} account (${user.email}).`,
      'The link below works once, for one hour. If you did not ask for this, ignore this e-mail: your password stays as it is.',
    ],
    action: { label: 'Choose a new password', url: link },
    footer: `${organization} extranet`,
  });
  await ctx.mailer.send({ to: user.email, subject: `Reset your ${organization} password`, ...body });
}

const LINK_INVALID = 'This link is invalid, was already used, or has expired. Ask for a new one.';

export async function resetPassword(ctx: AppContext, input: { token: string; password: string }, meta: RequestMeta): Promise<void> {
  const attempt = await beginAttempt(ctx.db, [{ key: `reset-token-ip:${meta.ip}`, max: 20 }]);
  const now = new Date().toISOString();
  const reset = await ctx.db
    .selectFrom('password_resets')
    .selectAll()
    .where('token_hash', '=', hashSecret(input.token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  const user = reset ? await findUserById(ctx.db, reset.user_id) : undefined;
  if (!reset || !user || user.status !== 'active') throw invalid('/token', LINK_INVALID);
  await attempt.succeeded(ctx.db);
  const problem = passwordProblem(input.password, { minLength: ctx.config.passwordMinLength, email: user.email, name: user.name });
  if (problem) throw invalid('/password', problem);
  const passwordHash = await hashPassword(input.password);
  await ctx.db.transaction().execute(async (trx) => {
    // The guarded update makes the link single-use even when two requests race.
    const spent = await trx
      .updateTable('password_resets')
      .set({ used_at: now })
      .where('id', '=', reset.id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(spent.numUpdatedRows) !== 1) throw invalid('/token', LINK_INVALID);
    await replacePassword(trx, user.id, passwordHash, { type: 'reset' });
    await record(trx, { actorId: user.id, action: 'auth.password_reset', target: { type: 'user', id: user.id }, ip: meta.ip });
  });
}
