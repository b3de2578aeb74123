/**
 * /service_at_locations and /service_at_locations/{id}: one activity document is one
 * service at one location. `postcode` orders by distance from its PC4 centre, `proximity`
 * keeps only those within that many metres.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Activity } from '@sociale-kaart/schema';
import { serviceAtLocationRecord, serviceAtLocationUuid, serviceListItem, serviceUuid, type Json } from '../hsds.js';
import { validationHook } from '../http/errors.js';
import { PROBLEM_CONTENT, problemResponses } from '../http/openapi.js';
import { notFound } from '../http/problem.js';
import { isUuid } from '../uuid.js';
import { listAnswer, type HsdsRouteDeps } from './deps.js';
import { hsdsFilter } from './filters.js';
import { locationRecord } from './locations.js';
import { NDJSON_TYPE } from './ndjson.js';
import { idParams, serviceAtLocationsQuery } from './parameters.js';

const record = z.record(z.string(), z.unknown());

/** The one-to-one fields: ids, the location and the service's list item. */
function listItem(d: Activity): Json {
  const location = locationRecord(d, serviceListItem([d]).organization_id as string);
  return { id: serviceAtLocationUuid(d.id), service_id: serviceUuid(d.serviceId), location_id: location.id, location, service: serviceListItem([d]) };
}

function fullRecord(d: Activity): Json {
  return { ...serviceAtLocationRecord(d, serviceUuid(d.serviceId)), service: serviceListItem([d]) };
}

export function serviceAtLocationRoutes(deps: HsdsRouteDeps): OpenAPIHono {
  const { backend, lookup } = deps;
  const app = new OpenAPIHono({ defaultHook: validationHook() });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/service_at_locations',
      summary: 'HSDS services at locations, paged (or streamed as ndjson)',
      request: { query: serviceAtLocationsQuery },
      responses: {
        200: { description: 'An HSDS page of service_at_locations', content: { 'application/json': { schema: record }, [NDJSON_TYPE]: { schema: z.string() } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const geo = q.postcode ? { ...q.postcode, meters: q.proximity } : undefined;
      const filter = await hsdsFilter({ ...q, geo }, lookup);
      const sort = geo ? [`_geoPoint(${geo.lat.toFixed(6)}, ${geo.lng.toFixed(6)}):asc`] : ['lastModifiedTs:desc'];
      return listAnswer(c, deps, q, { request: { q: q.search ?? '', sort }, filter }, (hits) => hits.map(q.full ? fullRecord : listItem));
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/service_at_locations/{id}',
      summary: 'One HSDS service at a location, fully nested',
      request: { params: idParams },
      responses: {
        200: { description: 'An HSDS service_at_location record', content: { 'application/json': { schema: record } } },
        404: { description: 'Unknown service_at_location', content: PROBLEM_CONTENT },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const documentId = isUuid(id) ? await lookup.documentId(id) : undefined;
      const doc = documentId ? await backend.getDocument<Activity>(documentId) : null;
      if (!doc) throw notFound(`There is no service_at_location with id ${id}.`);
      return c.json(fullRecord(doc), 200);
    },
  );
  return app;
}
