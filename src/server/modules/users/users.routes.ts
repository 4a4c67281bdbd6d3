import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { USER_ROLES, USER_STATUSES } from '../../../shared/accounts.js';
import type { AppContext } from '../../context.js';
import { requestMeta } from '../../http/request-meta.js';
import { EmailSchema, IdSchema, ListQuerySchema, listOf, NameSchema, PasswordSchema, problems } from '../../http/schemas.js';
import { updateUser } from './user-changes.service.js';
import { UserSchema } from './users.presenter.js';
import { createEmployee, getUser, listUsers } from './users.service.js';

const RoleSchema = Type.Enum(USER_ROLES);

export function usersRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/users',
      {
        config: { access: 'user' },
        schema: {
          tags: ['People'],
          summary: 'The people I may see (directory rule), by name; `q` searches name and e-mail',
          querystring: Type.Intersect([ListQuerySchema, Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })) })]),
          response: { 200: listOf(UserSchema), ...problems(400, 401) },
        },
      },
      async (request) => listUsers(ctx, request.actor, request.query),
    );

    app.post(
      '/users',
      {
        config: { access: 'user' },
        schema: {
          tags: ['People'],
          summary: 'Create an employee (administrators)',
          body: Type.Object({ email: EmailSchema, name: NameSchema, password: PasswordSchema, role: Type.Optional(RoleSchema) }),
          response: { 201: UserSchema, ...problems(400, 401, 403, 409) },
        },
      },
      async (request, reply) => reply.code(201).send(await createEmployee(ctx, request.actor, request.body, requestMeta(request))),
    );

    app.get(
      '/users/:id',
      {
        config: { access: 'user' },
        schema: {
          tags: ['People'],
          summary: 'One person I may see',
          params: Type.Object({ id: IdSchema }),
          response: { 200: UserSchema, ...problems(401, 404) },
        },
      },
      async (request) => getUser(ctx, request.actor, request.params.id),
    );

    app.patch(
      '/users/:id',
      {
        config: { access: 'user' },
        schema: {
          tags: ['People'],
          summary:
            'Suspend or reactivate a person (administrators; extranet administrators for guests), change an employee’s role (administrators), set extranet flags (administrators, extranet administrators); suspension ends their sessions',
          params: Type.Object({ id: IdSchema }),
          body: Type.Object({
            status: Type.Optional(Type.Enum(USER_STATUSES)),
            role: Type.Optional(RoleSchema),
            visibleToGuests: Type.Optional(Type.Boolean({ description: 'Employees: every guest sees them in the directory' })),
            extranetGroup: Type.Optional(
              Type.Boolean({ description: 'Employees: may create workspaces and invite when the policy limits it to the extranet group' }),
            ),
            externalOrganizationId: Type.Optional(
              Type.Union([IdSchema, Type.Null()], { description: 'Guests: the external organization they belong to' }),
            ),
          }),
          response: { 200: UserSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (request) => updateUser(ctx, request.actor, request.params.id, request.body, requestMeta(request)),
    );
  };
}
