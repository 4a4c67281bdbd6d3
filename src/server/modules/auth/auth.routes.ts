import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { loadActor } from '../../authz/actor-loader.js';
import type { AppContext } from '../../context.js';
import { requestMeta } from '../../http/request-meta.js';
import { EmailSchema, PasswordSchema, problems } from '../../http/schemas.js';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from '../../http/session-cookie.js';
import { hashSecret } from '../../lib/secrets.js';
import { presentMe } from '../me/me.service.js';
import { MeSchema } from '../users/users.presenter.js';
import { changePassword, signIn, signOut } from './auth.service.js';
import { requestPasswordReset, resetPassword } from './password-reset.service.js';

const TokenSchema = Type.String({ minLength: 1, maxLength: 200 });

export function authRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/auth/login',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Accounts'],
          summary: 'Sign in with e-mail and password; sets the session cookie',
          security: [],
          body: Type.Object({ email: Type.String({ minLength: 1, maxLength: 254 }), password: PasswordSchema }),
          response: { 200: Type.Object({ user: MeSchema }), ...problems(400, 401, 403, 429) },
        },
      },
      async (request, reply) => {
        const { secret, user } = await signIn(ctx, request.body, requestMeta(request), readSessionCookie(ctx.config, request));
        setSessionCookie(ctx.config, reply, secret);
        return { user: presentMe(await loadActor(ctx.db, user, { type: 'session', idHash: hashSecret(secret) })) };
      },
    );

    app.post(
      '/auth/logout',
      {
        config: { access: 'public' },
        schema: { tags: ['Accounts'], summary: 'Sign out: ends this session', response: { 204: Type.Null(), ...problems(403) } },
      },
      async (request, reply) => {
        await signOut(ctx, request.actor, readSessionCookie(ctx.config, request), requestMeta(request));
        clearSessionCookie(ctx.config, reply);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/auth/password/forgot',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Accounts'],
          summary: 'Send a password reset link (same answer whether or not the address has an account)',
          security: [],
          body: Type.Object({ email: EmailSchema }),
          response: { 202: Type.Null(), ...problems(400, 403, 429) },
        },
      },
      async (request, reply) => {
        await requestPasswordReset(ctx, request.body, requestMeta(request));
        return reply.code(202).send(null);
      },
    );

    app.post(
      '/auth/password/reset',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Accounts'],
          summary: 'Choose a new password with the single-use link from the reset e-mail; ends every session',
          security: [],
          body: Type.Object({ token: TokenSchema, password: PasswordSchema }),
          response: { 204: Type.Null(), ...problems(400, 403, 429) },
        },
      },
      async (request, reply) => {
        await resetPassword(ctx, request.body, requestMeta(request));
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/me/password',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Profile'],
          summary: 'Change my password; ends my other sessions',
          body: Type.Object({ currentPassword: PasswordSchema, newPassword: PasswordSchema }),
          response: { 204: Type.Null(), ...problems(400, 401, 403, 429) },
        },
      },
      async (request, reply) => {
        await changePassword(ctx, request.actor, request.body, requestMeta(request));
        return reply.code(204).send(null);
      },
    );
  };
}
