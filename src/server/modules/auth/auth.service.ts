import { record } from '../../audit/record.js';
import { loadRules } from '../../authz/actor-loader.js';
import { type Actor, requireUser } from '../../authz/index.js';
import type { AppContext, RequestMeta } from '../../context.js';
import { extranetClosed, HttpProblem, invalid } from '../../http/problems.js';
import { normalizeEmail } from '../../lib/email.js';
import { hashPassword, passwordProblem, verifyPassword } from '../../lib/passwords.js';
import { findUserByEmail, findUserById } from '../users/users.repo.js';
import { replacePassword } from './credentials.repo.js';
import { createSession, deleteSession } from './session.repo.js';
import { beginAttempt, signInBuckets } from './throttle.repo.js';

const WRONG_CREDENTIALS = new HttpProblem(401, 'Unauthorized', 'The e-mail address or password is incorrect.');

export function sessionTimeouts(ctx: AppContext) {
  return { idleMinutes: ctx.config.sessionIdleMinutes, absoluteHours: ctx.config.sessionAbsoluteHours };
}

/**
 * Signs in with one generic answer for every wrong pair, throttled per account and address; the
 * throttle is checked before the password so a locked account gives nothing away.
 */
export async function signIn(ctx: AppContext, input: { email: string; password: string }, meta: RequestMeta, previousSession?: string) {
  const email = normalizeEmail(input.email);
  const buckets = signInBuckets(email, meta.ip);
  const attempt = await beginAttempt(ctx.db, [buckets.accountAddress, buckets.account, buckets.address]);
  const user = await findUserByEmail(ctx.db, email);
  const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user || !passwordOk || user.status !== 'active') {
    await record(ctx.db, {
      actorId: user?.id ?? null,
      action: 'auth.sign_in_failed',
      ip: meta.ip,
      details: { email, reason: !user ? 'unknown_email' : !passwordOk ? 'wrong_password' : 'suspended' },
    });
    throw WRONG_CREDENTIALS;
  }
  // Said only to someone who proved the password: the door is closed, not the account.
  if (user.kind === 'guest' && !(await loadRules(ctx.db)).enabled) {
    await record(ctx.db, { actorId: user.id, action: 'auth.sign_in_failed', ip: meta.ip, details: { email, reason: 'extranet_closed' } });
    throw extranetClosed();
  }
  const now = new Date().toISOString();
  const secret = await ctx.db.transaction().execute(async (trx) => {
    // A fresh id at every sign-in: a session id planted before sign-in is worth nothing after it.
    if (previousSession) await deleteSession(trx, previousSession);
    const id = await createSession(trx, user.id, sessionTimeouts(ctx), meta);
    await trx.updateTable('users').set({ last_sign_in_at: now }).where('id', '=', user.id).execute();
    await attempt.succeeded(trx, [buckets.accountAddress.key, buckets.account.key]);
    await record(trx, { actorId: user.id, action: 'auth.sign_in', target: { type: 'user', id: user.id }, ip: meta.ip });
    return id;
  });
  return { secret, user: { ...user, last_sign_in_at: now } };
}

export async function signOut(ctx: AppContext, actor: Actor, sessionSecret: string | undefined, meta: RequestMeta) {
  if (!sessionSecret) return;
  await deleteSession(ctx.db, sessionSecret);
  if (actor.type === 'user') await record(ctx.db, { actorId: actor.id, action: 'auth.sign_out', ip: meta.ip });
}

export async function changePassword(
  ctx: AppContext,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  meta: RequestMeta,
) {
  const caller = requireUser(actor);
  const bucket = { key: `password-change:${caller.id}`, max: 10 };
  const attempt = await beginAttempt(ctx.db, [bucket]);
  const user = await findUserById(ctx.db, caller.id);
  if (!user || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw invalid('/currentPassword', 'The current password is incorrect.');
  }
  await attempt.succeeded(ctx.db, [bucket.key]);
  const problem = passwordProblem(input.newPassword, { minLength: ctx.config.passwordMinLength, email: user.email, name: user.name });
  if (problem) throw invalid('/newPassword', problem);
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await replacePassword(trx, user.id, passwordHash, {
      type: 'change',
      keepSessionIdHash: caller.via.type === 'session' ? caller.via.idHash : undefined,
    });
    await record(trx, { actorId: user.id, action: 'auth.password_changed', target: { type: 'user', id: user.id }, ip: meta.ip });
  });
}
