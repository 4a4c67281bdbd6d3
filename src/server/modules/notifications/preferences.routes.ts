import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { EMAIL_DELIVERIES, type EmailDelivery, NOTIFICATION_KINDS, type NotificationKind } from '../../../shared/notifications.js';
import type { AppContext } from '../../context.js';
import { requestMeta } from '../../http/request-meta.js';
import { problems } from '../../http/schemas.js';
import { changeMyPreferences, getMyPreferences } from './preferences.service.js';

// Plain enums rather than unions of literals: one readable error per wrong value, naming its field.
export const KindSchema = Type.Unsafe<NotificationKind>({ type: 'string', enum: [...NOTIFICATION_KINDS] });
export const DeliverySchema = Type.Unsafe<EmailDelivery>({
  type: 'string',
  enum: [...EMAIL_DELIVERIES],
  description: 'immediate: an e-mail each time; digest: one e-mail a day listing them; never: no e-mail (still shown in Foyer)',
});

const Preferences = Type.Object({
  preferences: Type.Array(
    Type.Object({
      kind: KindSchema,
      label: Type.String(),
      delivery: DeliverySchema,
      default: DeliverySchema,
    }),
  ),
});

export function preferencesRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/me/notification-preferences',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Notifications'],
          summary: 'How I get e-mails about each kind of notification',
          response: { 200: Preferences, ...problems(401, 403) },
        },
      },
      async (request) => getMyPreferences(ctx, request.actor),
    );

    app.put(
      '/me/notification-preferences',
      {
        config: { access: 'user' },
        schema: {
          tags: ['Notifications'],
          summary: 'Change how I get e-mails about some kinds (kinds not listed keep theirs); all or nothing',
          body: Type.Object({
            preferences: Type.Array(Type.Object({ kind: KindSchema, delivery: DeliverySchema }, { additionalProperties: false }), {
              maxItems: NOTIFICATION_KINDS.length,
            }),
          }),
          response: { 200: Preferences, ...problems(400, 401, 403) },
        },
      },
      async (request) => changeMyPreferences(ctx, request.actor, request.body, requestMeta(request)),
    );
  };
}
