import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { LIMITS } from '../../../shared/workspaces.js';
import type { AppContext } from '../../context.js';
import { requestMeta } from '../../http/request-meta.js';
import { IdSchema, listOf, problems } from '../../http/schemas.js';
import { ExternalOrganizationSchema } from './external-organizations.presenter.js';
import {
  createExternalOrganization,
  deleteExternalOrganization,
  getExternalOrganization,
  listExternalOrganizations,
  updateExternalOrganization,
} from './external-organizations.service.js';

const NameSchema = Type.String({ minLength: 1, maxLength: LIMITS.organizationName, pattern: '\\S' });
const DomainsSchema = Type.Array(Type.String({ maxLength: 300 }), {
  maxItems: LIMITS.domains,
  description: 'E-mail domains (lower-cased, deduplicated); a domain belongs to at most one organization',
});
const Params = Type.Object({ id: IdSchema });
const TAGS = ['Extranet'];

export function externalOrganizationsRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/external-organizations',
      {
        config: { access: 'user' },
        schema: {
          tags: TAGS,
          summary: 'External organizations, by name (employees)',
          response: { 200: listOf(ExternalOrganizationSchema), ...problems(401, 403) },
        },
      },
      async (request) => listExternalOrganizations(ctx, request.actor),
    );

    app.post(
      '/external-organizations',
      {
        config: { access: 'user' },
        schema: {
          tags: TAGS,
          summary: 'Create an external organization (administrators, extranet administrators)',
          body: Type.Object({ name: NameSchema, domains: Type.Optional(DomainsSchema) }),
          response: { 201: ExternalOrganizationSchema, ...problems(400, 401, 403, 409) },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createExternalOrganization(ctx, request.actor, request.body, requestMeta(request))),
    );

    app.get(
      '/external-organizations/:id',
      {
        config: { access: 'user' },
        schema: {
          tags: TAGS,
          summary: 'One external organization (employees)',
          params: Params,
          response: { 200: ExternalOrganizationSchema, ...problems(401, 403, 404) },
        },
      },
      async (request) => getExternalOrganization(ctx, request.actor, request.params.id),
    );

    app.patch(
      '/external-organizations/:id',
      {
        config: { access: 'user' },
        schema: {
          tags: TAGS,
          summary: 'Rename an external organization or replace its domains (administrators, extranet administrators)',
          params: Params,
          body: Type.Object({ name: Type.Optional(NameSchema), domains: Type.Optional(DomainsSchema) }),
          response: { 200: ExternalOrganizationSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (request) => updateExternalOrganization(ctx, request.actor, request.params.id, request.body, requestMeta(request)),
    );

    app.delete(
      '/external-organizations/:id',
      {
        config: { access: 'user' },
        schema: {
          tags: TAGS,
          summary: 'Delete an external organization; its guests keep their accounts without one',
          params: Params,
          response: { 204: Type.Null(), ...problems(401, 403, 404) },
        },
      },
      async (request, reply) => {
        await deleteExternalOrganization(ctx, request.actor, request.params.id, requestMeta(request));
        return reply.code(204).send(null);
      },
    );
  };
}
