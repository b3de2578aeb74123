/**
 * /organizations and /organizations/{id}: the organisations behind the activities. An
 * organisation is every document sharing `organization.id`; paging is Meilisearch's, one
 * hit per organisation (distinct).
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Activity } from '@sociale-kaart/schema';
import { organizationSummary, serviceListItem, serviceRecord, type Json } from '../hsds.js';
import { validationHook } from '../http/errors.js';
import { PROBLEM_CONTENT, problemResponses } from '../http/openapi.js';
import { notFound } from '../http/problem.js';
import { isUuid } from '../uuid.js';
import { byService, documentsOfOrganization, listAnswer, type HsdsRouteDeps } from './deps.js';
import { hsdsFilter } from './filters.js';
import { NDJSON_TYPE } from './ndjson.js';
import { idParams, organizationQuery, organizationsQuery } from './parameters.js';

const record = z.record(z.string(), z.unknown());

/** The one-to-one fields of an organisation (organization_list.json). */
function listItem(doc: Activity): Json {
  const { organization_identifiers: identifiers, ...item } = organizationSummary(doc);
  void identifiers;
  return item;
}

/** A fully nested organisation: its services as list items, or fully nested with `fullService`. */
function fullRecord(docs: readonly Activity[], fullService: boolean): Json {
  const services = byService(docs).map((group) => (fullService ? serviceRecord(group) : serviceListItem(group)));
  return { ...organizationSummary(docs[0]!), services };
}

export function organizationRoutes(deps: HsdsRouteDeps): OpenAPIHono {
  const { backend, lookup } = deps;
  const app = new OpenAPIHono({ defaultHook: validationHook() });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/organizations',
      summary: 'HSDS organizations, paged (or streamed as ndjson)',
      request: { query: organizationsQuery },
      responses: {
        200: { description: 'An HSDS page of organizations', content: { 'application/json': { schema: record }, [NDJSON_TYPE]: { schema: z.string() } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const filter = await hsdsFilter(q, lookup);
      const items = async (hits: Activity[]): Promise<Json[]> => {
        if (!q.full && !q.full_service) return hits.map(listItem);
        const out: Json[] = [];
        for (const h of hits) out.push(fullRecord(await documentsOfOrganization(backend, h.organization.id), q.full_service === true));
        return out;
      };
      return listAnswer(c, deps, q, { request: { q: q.search ?? '', distinct: 'organization.id', sort: ['title:asc'] }, filter }, items);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/organizations/{id}',
      summary: 'One HSDS organization, fully nested, with its services',
      request: { params: idParams, query: organizationQuery },
      responses: {
        200: { description: 'An HSDS organization record', content: { 'application/json': { schema: record } } },
        404: { description: 'Unknown organization', content: PROBLEM_CONTENT },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { full_service: fullService } = c.req.valid('query');
      const organizationId = (isUuid(id) ? await lookup.organizationId(id) : undefined) ?? id;
      const docs = await documentsOfOrganization(backend, organizationId);
      if (docs.length === 0) throw notFound(`There is no organization with id ${id}.`);
      return c.json(fullRecord(docs, fullService === true), 200);
    },
  );
  return app;
}
