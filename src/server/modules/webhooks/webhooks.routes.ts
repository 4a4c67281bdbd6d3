import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { requestMeta } from '../../http/request-meta.js';
import { Changes, IdSchema, ListQuerySchema, listOf, NameSchema, problems } from '../../http/schemas.js';
import { addAllowedHost, listAllowedHosts, removeAllowedHost } from './allowed-hosts.service.js';
import { MAX_URL_LENGTH } from './webhook-address.js';
import { listDeliveries, redeliver, sendTestEvent } from './webhook-deliveries.service.js';
import { WEBHOOK_EVENT_TYPES } from './webhook-events.js';
import { AllowedHostSchema, DeliveryPageSchema, EventTypeSchema, WebhookSchema, WebhookWithSecretSchema } from './webhooks.presenter.js';
import { createWebhook, deleteWebhook, getWebhook, listEventTypes, listWebhooks, rotateSecret, updateWebhook } from './webhooks.service.js';

const TAGS = ['Webhooks'];
const Params = Type.Object({ id: IdSchema });
const UrlSchema = Type.String({
  minLength: 1,
  maxLength: MAX_URL_LENGTH,
  description: 'https:// (or http://, sent unencrypted) without user name or password; private addresses need an allowed host',
});
const EventsSchema = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
  minItems: 1,
  maxItems: WEBHOOK_EVENT_TYPES.length,
  description: 'Event types from GET /webhooks/event-types',
});
const Queued = Type.Object({ deliveryId: IdSchema });

/** Webhooks for integrators (administrators): see docs/webhooks.md. */
export function webhooksRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/webhooks/event-types',
      {
        config: { access: 'user' },
        schema: {
          tags: TAGS,
          summary: 'The event types a webhook can receive',
          response: { 200: listOf(EventTypeSchema), ...problems(401, 403) },
        },
      },
      async (request) => listEventTypes(request.actor),
    );

    app.get(
      '/webhooks',
      {
        config: { access: 'user' },
        schema: {
          tags: TAGS,
          summary: 'Every webhook, oldest first (administrators); secrets are never shown again',
          response: { 200: listOf(WebhookSchema), ...problems(401, 403) },
        },
      },
      async (request) => listWebhooks(ctx, request.actor),
    );

    app.post(
      '/webhooks',
      {
        config: { access: 'user' },
        schema: {
          tags: TAGS,
          summary: 'Create a webhook; the answer carries its signing secret, shown this once',
          body: Type.Object({ name: NameSchema, url: UrlSchema, events: EventsSchema, active: Type.Optional(Type.Boolean()) }),
          response: { 201: WebhookWithSecretSchema, ...problems(400, 401, 403) },
        },
      },
      async (request, reply) => {
        const { webhook, etag } = await createWebhook(ctx, request.actor, request.body, requestMeta(request));
        return reply.code(201).header('etag', etag).send(webhook);
      },
    );

    app.get(
      '/webhooks/allowed-hosts',
      {
        config: { access: 'user' },
        schema: {
          tags: TAGS,
          summary: 'Hosts webhooks may reach although they resolve to private, loopback or link-local addresses',
          response: { 200: listOf(AllowedHostSchema), ...problems(401, 403) },
        },
      },
      async (request) => listAllowedHosts(ctx, request.actor),
    );

    app.post(
      '/webhooks/allowed-hosts',
      {
        config: { access: 'user' },
        schema: {
          tags: TAGS,
          summary: 'Allow a host (exact name or IP address) for webhooks',
          body: Type.Object({ host: Type.String({ minLength: 1, maxLength: 255 }) }),
          response: { 201: AllowedHostSchema, ...problems(400, 401, 403, 409) },
        },
      },
      async (request, reply) => reply.code(201).send(await addAllowedHost(ctx, request.actor, request.body.host, requestMeta(request))),
    );

    app.delete(
      '/webhooks/allowed-hosts/:host',
      {
        config: { access: 'user' },
        schema: {
          tags: TAGS,
          summary: 'Stop allowing a host; deliveries to it are refused from the next attempt',
          params: Type.Object({ host: Type.String({ minLength: 1, maxLength: 255 }) }),
          response: { 204: Type.Null(), ...problems(401, 403, 404) },
        },
      },
      async (request, reply) => {
        await removeAllowedHost(ctx, request.actor, request.params.host, requestMeta(request));
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/webhooks/:id',
      {
        config: { access: 'user' },
        schema: { tags: TAGS, summary: 'One webhook', params: Params, response: { 200: WebhookSchema, ...problems(401, 403, 404) } },
      },
      async (request, reply) => {
        const { webhook, etag } = await getWebhook(ctx, request.actor, request.params.id);
        return reply.header('etag', etag).send(webhook);
      },
    );

    app.patch(
      '/webhooks/:id',
      {
        config: { access: 'user' },
        schema: {
          tags: TAGS,
          summary: 'Change a webhook’s name, URL, events or whether it is active; `If-Match` guards against lost updates',
          params: Params,
          headers: Type.Object({ 'if-match': Type.Optional(Type.String({ maxLength: 200 })) }),
          body: Type.Object(
            {
              name: Type.Optional(NameSchema),
              url: Type.Optional(UrlSchema),
              events: Type.Optional(EventsSchema),
              active: Type.Optional(Type.Boolean()),
            },
            Changes,
          ),
          response: { 200: WebhookSchema, ...problems(400, 401, 403, 404, 412) },
        },
      },
      async (request, reply) => {
        const { webhook, etag } = await updateWebhook(
          ctx,
          request.actor,
          request.params.id,
          request.body,
          request.headers['if-match'],
          requestMeta(request),
        );
        return reply.header('etag', etag).send(webhook);
      },
    );

    app.delete(
      '/webhooks/:id',
      {
        config: { access: 'user' },
        schema: {
          tags: TAGS,
          summary: 'Delete a webhook with its delivery log; deliveries still waiting are not sent',
          params: Params,
          response: { 204: Type.Null(), ...problems(401, 403, 404) },
        },
      },
      async (request, reply) => {
        await deleteWebhook(ctx, request.actor, request.params.id, requestMeta(request));
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/webhooks/:id/rotate-secret',
      {
        config: { access: 'user' },
        schema: {
          tags: TAGS,
          summary: 'Replace the signing secret; the answer carries the new one, shown this once',
          params: Params,
          response: { 200: WebhookWithSecretSchema, ...problems(401, 403, 404) },
        },
      },
      async (request, reply) => {
        const { webhook, etag } = await rotateSecret(ctx, request.actor, request.params.id, requestMeta(request));
        return reply.header('etag', etag).send(webhook);
      },
    );

    app.post(
      '/webhooks/:id/test',
      {
        config: { access: 'user' },
        schema: {
          tags: TAGS,
          summary: 'Queue a `webhook.test` delivery now (also to a disabled webhook); see it in the delivery log',
          params: Params,
          response: { 202: Queued, ...problems(401, 403, 404) },
        },
      },
      async (request, reply) => reply.code(202).send(await sendTestEvent(ctx, request.actor, request.params.id, requestMeta(request))),
    );

    app.get(
      '/webhooks/:id/deliveries',
      {
        config: { access: 'user' },
        schema: {
          tags: TAGS,
          summary: 'The delivery log of a webhook, newest first, each with its last five attempts',
          params: Params,
          querystring: ListQuerySchema,
          response: { 200: DeliveryPageSchema, ...problems(400, 401, 403, 404) },
        },
      },
      async (request) => listDeliveries(ctx, request.actor, request.params.id, request.query),
    );

    app.post(
      '/webhooks/deliveries/:id/redeliver',
      {
        config: { access: 'user' },
        schema: {
          tags: TAGS,
          summary: 'Send a delivered or failed delivery again: same body and id, new signature, a fresh round of retries',
          params: Params,
          response: { 202: Queued, ...problems(401, 403, 404, 409) },
        },
      },
      async (request, reply) => reply.code(202).send(await redeliver(ctx, request.actor, request.params.id, requestMeta(request))),
    );
  };
}
