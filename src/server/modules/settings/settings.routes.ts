import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.js';
import { requestMeta } from '../../http/request-meta.js';
import { problems } from '../../http/schemas.js';
import { SettingsChangeSchema, SettingsSchema } from './settings.presenter.js';
import { getSettings, updateSettings } from './settings.service.js';

export function settingsRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/settings',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Organization'],
          summary: 'Organization settings; the extranet policies and guestSeatsUsed only for administrators and extranet administrators',
          response: { 200: SettingsSchema, ...problems(401, 403) },
        },
      },
      async (request) => getSettings(ctx, request.actor),
    );

    app.patch(
      '/settings',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Organization'],
          summary: 'Change organization settings: administrators everything, extranet administrators everything but organizationName',
          body: SettingsChangeSchema,
          response: { 200: SettingsSchema, ...problems(400, 401, 403) },
        },
      },
      async (request) => updateSettings(ctx, request.actor, request.body, requestMeta(request)),
    );
  };
}
