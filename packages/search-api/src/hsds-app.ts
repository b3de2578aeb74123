/**
 * /hsds: the sociale kaart as an Open Referral HSDS 3.1 read API — every GET path of the
 * official openapi.json. No key; CORS open to every origin (app.ts). The routes live in
 * hsds/ by kind of record; hsds.ts turns documents into HSDS service records.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { SearchBackend } from './backend.js';
import { HSDS_PROFILE, HSDS_VERSION } from './hsds.js';
import { createIdLookup } from './hsds/lookup.js';
import { organizationRoutes } from './hsds/organizations.js';
import { serviceAtLocationRoutes } from './hsds/service-at-locations.js';
import { serviceRoutes } from './hsds/services.js';
import { taxonomyRoutes } from './hsds/taxonomy-routes.js';
import { validationHook } from './http/errors.js';

export interface HsdsDeps {
  backend: SearchBackend;
  /** The API's public URL, named in `openapi_url`; undefined: the request's origin, never cached. */
  publicUrl: string | undefined;
  cacheable: MiddlewareHandler;
  /** Deadline of each batch of an ndjson stream (default 2000 ms). */
  meiliTimeoutMs?: number;
}

/** GET /hsds/ (and /hsds): version, profile and where the OpenAPI document is. */
export function hsdsInfo(c: Context, publicUrl: string | undefined) {
  const base = publicUrl ?? new URL(c.req.url).origin;
  return c.json({ version: HSDS_VERSION, profile: HSDS_PROFILE, openapi_url: `${base}/openapi.json` }, 200, publicUrl ? {} : { 'Cache-Control': 'no-store' });
}

const CACHED_PATHS = ['/services', '/service_at_locations', '/organizations', '/taxonomies', '/taxonomy_terms'];

export function createHsdsApp({ backend, publicUrl, cacheable, meiliTimeoutMs = 2000 }: HsdsDeps): OpenAPIHono {
  const app = new OpenAPIHono({ defaultHook: validationHook() });
  for (const path of CACHED_PATHS) {
    app.use(path, cacheable);
    app.use(`${path}/*`, cacheable);
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'HSDS API information',
      responses: {
        200: {
          description: 'HSDS version and profile',
          content: { 'application/json': { schema: z.object({ version: z.string(), profile: z.string(), openapi_url: z.string() }) } },
        },
      },
    }),
    (c) => hsdsInfo(c, publicUrl),
  );

  const deps = { backend, lookup: createIdLookup(backend), meiliTimeoutMs };
  app.route('/', serviceRoutes(deps));
  app.route('/', serviceAtLocationRoutes(deps));
  app.route('/', organizationRoutes(deps));
  app.route('/', taxonomyRoutes());
  return app;
}
