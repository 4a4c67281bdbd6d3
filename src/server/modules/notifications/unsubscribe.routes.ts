import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { requestMeta } from '../../http/request-meta.js';
import { problems } from '../../http/schemas.js';
import { DeliverySchema, KindSchema } from './preferences.routes.js';
import { confirmUnsubscribe, previewUnsubscribe } from './unsubscribe.service.js';

const Token = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 300, description: 'The token of the link in the e-mail' }),
});
const Scope = Type.Union([KindSchema, Type.Literal('digest')], {
  description: 'A notification kind, or `digest` for every kind in the daily digest',
});

/** The RFC 8058 body is `List-Unsubscribe=One-Click`; nothing else is ever read from it. */
const FORM_LIMIT_BYTES = 1024;

export function unsubscribeRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    // Mail clients post a form; the parser lives in this plugin only, so no other route takes forms.
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_LIMIT_BYTES }, (_req, body, done) =>
      done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    // Some send the same form as multipart; it is read (to its small limit) and, like the others, ignored.
    app.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: FORM_LIMIT_BYTES }, (_req, _body, done) =>
      done(null, undefined),
    );

    // Scanners open every link of an e-mail before its reader does: GET only tells, never changes.
    app.get(
      '/unsubscribe',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Notifications'],
          summary: 'What an unsubscribe link would switch off (changes nothing)',
          querystring: Token,
          response: {
            200: Type.Object({ kind: Scope, label: Type.String(), email: Type.String(), delivery: DeliverySchema }),
            ...problems(400, 404, 429),
          },
        },
      },
      async (request) => previewUnsubscribe(ctx, request.query.token, requestMeta(request)),
    );

    // A web mail client may post from its own site: the token authorizes, never a cookie.
    app.post(
      '/unsubscribe',
      {
        config: { access: 'public', crossSite: 'allowed' },
        schema: {
          tags: ['Notifications'],
          summary:
            'One-click unsubscribe (RFC 8058): the link token switches its kind of e-mail to never. The body may be empty, JSON, or the form `List-Unsubscribe=One-Click`',
          querystring: Token,
          response: { 200: Type.Object({ kind: Scope, delivery: Type.Literal('never') }), ...problems(400, 404, 413, 429) },
        },
      },
      async (request) => confirmUnsubscribe(ctx, request.query.token, requestMeta(request)),
    );
  };
}
