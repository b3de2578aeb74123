/** /taxonomies and /taxonomy_terms (with their {id} paths): small lists, served from memory. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { validationHook } from '../http/errors.js';
import { PROBLEM_CONTENT, problemResponses } from '../http/openapi.js';
import { notFound } from '../http/problem.js';
import { memoryListAnswer, NDJSON_TYPE } from './ndjson.js';
import { idParams, taxonomiesQuery, taxonomyTermsQuery } from './parameters.js';
import { TAXONOMIES, TERMS, getTaxonomy, getTerm, matchesText, termRecord } from './taxonomy.js';

const record = z.record(z.string(), z.unknown());
const listContent = { 'application/json': { schema: record }, [NDJSON_TYPE]: { schema: z.string() } };

export function taxonomyRoutes(): OpenAPIHono {
  const app = new OpenAPIHono({ defaultHook: validationHook() });

  app.openapi(
    createRoute({ method: 'get', path: '/taxonomies', summary: 'The taxonomies of this kaart', request: { query: taxonomiesQuery }, responses: { 200: { description: 'An HSDS page of taxonomies', content: listContent }, ...problemResponses } }),
    (c) => {
      const q = c.req.valid('query');
      const found = TAXONOMIES.filter((t) => matchesText(t, q.search)).map((t) => ({ ...t }));
      return memoryListAnswer(c, q, found);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/taxonomies/{id}',
      summary: 'One taxonomy',
      request: { params: idParams },
      responses: { 200: { description: 'An HSDS taxonomy', content: { 'application/json': { schema: record } } }, 404: { description: 'Unknown taxonomy', content: PROBLEM_CONTENT }, ...problemResponses },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const taxonomy = getTaxonomy(id);
      if (!taxonomy) throw notFound(`There is no taxonomy with id ${id}.`);
      return c.json({ ...taxonomy }, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/taxonomy_terms', summary: 'The taxonomy terms of this kaart', request: { query: taxonomyTermsQuery }, responses: { 200: { description: 'An HSDS page of taxonomy terms', content: listContent }, ...problemResponses } }),
    (c) => {
      const q = c.req.valid('query');
      const taxonomies = new Set(q.taxonomy_id?.map((s) => s.toLowerCase()));
      const parents = new Set(q.parent_id?.map((s) => s.toLowerCase()));
      const found = TERMS.filter(
        (t) =>
          matchesText(t, q.search) &&
          (taxonomies.size === 0 || taxonomies.has(t.taxonomy_id)) &&
          (parents.size === 0 || (t.parent_id !== undefined && parents.has(t.parent_id))) &&
          (q.top_only !== true || t.parent_id === undefined),
      ).map(termRecord);
      return memoryListAnswer(c, q, found);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/taxonomy_terms/{id}',
      summary: 'One taxonomy term',
      request: { params: idParams },
      responses: { 200: { description: 'An HSDS taxonomy term', content: { 'application/json': { schema: record } } }, 404: { description: 'Unknown taxonomy term', content: PROBLEM_CONTENT }, ...problemResponses },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const term = getTerm(id);
      if (!term) throw notFound(`There is no taxonomy term with id ${id}.`);
      return c.json(termRecord(term), 200);
    },
  );
  return app;
}
