import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { loadActor } from '../../authz/actor-loader.js';
import type { AppContext } from '../../context.js';
import { requestMeta } from '../../http/request-meta.js';
import { EmailSchema, NameSchema, PasswordSchema, problems } from '../../http/schemas.js';
import { setSessionCookie } from '../../http/session-cookie.js';
import { hashSecret } from '../../lib/secrets.js';
import { presentMe } from '../me/me.service.js';
import { readSettings } from '../settings/settings.repo.js';
import { MeSchema } from '../users/users.presenter.js';
import { completeSetup, needsSetup } from './setup.service.js';

export function setupRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/instance',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Instance'],
          summary: 'What the sign-in and setup pages need before anyone is signed in',
          security: [],
          response: {
            200: Type.Object({
              organizationName: Type.Union([Type.String(), Type.Null()]),
              needsSetup: Type.Boolean(),
              passwordMinLength: Type.Integer(),
            }),
          },
        },
      },
      async () => ({
        organizationName: (await readSettings(ctx.db)).organizationName,
        needsSetup: await needsSetup(ctx),
        passwordMinLength: ctx.config.passwordMinLength,
      }),
    );

    app.post(
      '/setup',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Instance'],
          summary: 'Create the first administrator with the one-time link printed in the server log',
          security: [],
          body: Type.Object({
            token: Type.String({ minLength: 1, maxLength: 200 }),
            organizationName: NameSchema,
            name: NameSchema,
            email: EmailSchema,
            password: PasswordSchema,
          }),
          response: { 201: Type.Object({ user: MeSchema }), ...problems(400, 403, 404, 409, 429) },
        },
      },
      async (request, reply) => {
        const { user, secret } = await completeSetup(ctx, request.body, requestMeta(request));
        setSessionCookie(ctx.config, reply, secret);
        return reply.code(201).send({ user: presentMe(await loadActor(ctx.db, user, { type: 'session', idHash: hashSecret(secret) })) });
      },
    );
  };
}
