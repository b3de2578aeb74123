/** GET /v1/taxonomy: every key the API filters by, with its label in the requested language. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { audiences, categories, days, domains4d, needs, partsOfDay, pgDimensions, statuses, type Lang } from '@sociale-kaart/schema';
import { validationHook } from './http/errors.js';
import { problemResponses } from './http/openapi.js';
import { taxonomyQuerySchema } from './params.js';

export function createTaxonomyApp(): OpenAPIHono {
  const app = new OpenAPIHono({ defaultHook: validationHook() });
  app.openapi(
    createRoute({
      method: 'get',
      path: '/taxonomy',
      summary: 'Categories, needs, Positieve Gezondheid dimensions, 4D domains, audiences, days and parts of day with labels',
      request: { query: taxonomyQuerySchema },
      responses: { 200: { description: 'The taxonomy', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } }, ...problemResponses },
    }),
    (c) => {
      const lang = c.req.valid('query').lang ?? 'nl';
      return c.json(taxonomy(lang), 200);
    },
  );

  return app;
}

export function taxonomy(lang: Lang) {
  return {
    lang,
    categories: categories.map((c) => ({ key: c.key, label: c.label[lang], pgDimensions: c.pgDimensions, domains4d: c.domains4d })),
    needs: needs.map((n) => ({ key: n.key, label: n.label[lang], categories: n.categories, synonyms: n.synonyms })),
    pgDimensions: pgDimensions.map((d) => ({ key: d.key, label: d.label[lang] })),
    domains4d: domains4d.map((d) => ({ key: d.key, label: d.label[lang] })),
    audiences: audiences.map((a) => ({ key: a.key, label: a.label[lang] })),
    days: days.map((d) => ({ key: d.key, label: d.label[lang] })),
    partsOfDay: partsOfDay.map((p) => ({ key: p.key, label: p.label[lang], from: p.from, to: p.to })),
    statuses: statuses.map((s) => ({ key: s.key, label: s.label[lang] })),
  };
}

