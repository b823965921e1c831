import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { renderDocsPage } from './docs-page.ts';
import { webhooksSection } from './webhook-schema.ts';

const { version } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * Route schemas are zod (fastify-type-provider-zod); the OpenAPI 3.1 document is generated from
 * them. A route appears in the document when it declares a `schema` (and not `hide: true`);
 * routes without one (pages, assets) stay out. Register before any route: @fastify/swagger
 * collects routes as they are added.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'idgate',
        version,
        description: 'Self-hosted identity verification that speaks the DocuPass API. API routes answer HTTP 200 with {"error":{"code","message"}} on failure (see docs/errors.md).',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-KEY', description: 'API key (the `apikey` body field is accepted as well, as the official client sends it).' },
        },
      },
      webhooks: webhooksSection(),
    } as never,
    transform: (input) => {
      if (!input.schema) return { schema: { hide: true }, url: input.url };
      return jsonSchemaTransform(input);
    },
    // Schemas registered with an id (`.meta({ id })`) become components/schemas and are referenced.
    transformObject: jsonSchemaTransformObject,
  });
  app.get('/openapi.json', { config: { errorStatus: true }, schema: { hide: true } }, async () => app.swagger());
  app.get('/docs', { config: { errorStatus: true }, schema: { hide: true } }, async (_request, reply) => {
    reply.type('text/html; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'");
    return renderDocsPage(app.swagger() as unknown as Record<string, unknown>);
  });
}
