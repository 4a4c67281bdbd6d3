import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { requestMeta } from '../../http/request-meta.js';
import { NameSchema, problems } from '../../http/schemas.js';
import { getSettings, SettingsSchema, updateSettings } from './settings.service.js';

export function settingsRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/settings',
      {
        config: { access: 'user' },
        schema: { tags: ['Organization'], summary: 'Organization settings', response: { 200: SettingsSchema, ...problems(401) } },
      },
      async (request) => getSettings(ctx, request.actor),
    );

    app.patch(
      '/settings',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Organization'],
          summary: 'Change organization settings (administrators)',
          body: Type.Object({ organizationName: Type.Optional(NameSchema), extranetEnabled: Type.Optional(Type.Boolean()) }),
          response: { 200: SettingsSchema, ...problems(400, 401, 403) },
        },
      },
      async (request) => updateSettings(ctx, request.actor, request.body, requestMeta(request)),
    );
  };
}
