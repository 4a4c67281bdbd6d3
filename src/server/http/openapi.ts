import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Config } from '../config/config.js';
import { sessionCookieName } from './session-cookie.js';

/** The API contract, generated from the same TypeBox schemas that validate and serialise. */
export async function registerOpenApi(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Foyer API',
        version: '1',
        description:
          'The Foyer extranet API. Authenticate with the session cookie set by sign-in, or with a personal API token: `Authorization: Bearer foyer_pat_…`. Errors are RFC 9457 problem documents.',
      },
      servers: [{ url: config.publicUrl.origin }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'Personal API token from POST /api/v1/me/tokens' },
          session: { type: 'apiKey', in: 'cookie', name: sessionCookieName(config) },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    // Upload routes read their multipart body as a stream, so it is described here, not validated.
    transform: ({ schema, url, route }) => {
      if (!route.config?.upload) return { schema, url };
      const body = {
        type: 'object',
        required: ['file'],
        properties: { file: { type: 'string', format: 'binary', description: "The file; its name is the part's filename" } },
      };
      return { schema: { ...schema, consumes: ['multipart/form-data'], body }, url };
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list', deepLinking: false } });
  // Listed in the document itself like every other /api/v1 route (api.md: every route declares its responses there).
  app.get(
    '/api/v1/openapi.json',
    {
      config: { access: 'public' },
      schema: {
        tags: ['Instance'],
        summary: 'This API contract as an OpenAPI 3.1 document',
        security: [],
        response: { 200: Type.Object({ openapi: Type.String() }, { additionalProperties: true }) },
      },
    },
    async () => app.swagger(),
  );
}
