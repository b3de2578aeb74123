/**
 * GET /v1/suggest: type-ahead. Needs and categories whose names or Dutch synonyms match what
 * was typed ("eenzaam" → eenzaamheid), then matching activity titles from the live index.
 */
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { buildFilter } from '@sociale-kaart/meili';
import { categories, foldText, needs, suggestResponseSchema, type Activity, type Lang, type SuggestResponse } from '@sociale-kaart/schema';
import type { SearchBackend } from './backend.js';
import { validationHook } from './http/errors.js';
import { problemResponses } from './http/openapi.js';
import { suggestQuerySchema } from './params.js';

export function createSuggestApp(backend: SearchBackend): OpenAPIHono {
  const app = new OpenAPIHono({ defaultHook: validationHook() });
  app.openapi(
    createRoute({
      method: 'get',
      path: '/suggest',
      summary: 'Type-ahead suggestions',
      description: 'Needs and categories whose names or Dutch synonyms match what was typed ("eenzaam" → eenzaamheid), and matching activity titles.',
      request: { query: suggestQuerySchema },
      responses: { 200: { description: 'Suggestions', content: { 'application/json': { schema: suggestResponseSchema } } }, ...problemResponses },
    }),
    async (c) => {
      const { q, lang = 'nl', limit = 5 } = c.req.valid('query');
      return c.json(await suggest(backend, q, lang, limit), 200);
    },
  );

  return app;
}

/** Needs and categories by name or Dutch synonym (word prefix, accent-insensitive), then activity titles. */
export async function suggest(backend: SearchBackend, q: string, lang: Lang, limit: number): Promise<SuggestResponse> {
  const folded = foldText(q);
  if (folded === '') return { query: q, needs: [], categories: [], activities: [] };
  const matches = (texts: readonly string[]) =>
    texts.some((t) => {
      const f = foldText(t);
      return f.startsWith(folded) || f.includes(` ${folded}`);
    });
  const needHits = needs.filter((n) => matches([n.key.replace(/_/g, ' '), n.label.nl, n.label.en, ...n.synonyms]));
  const categoryHits = categories.filter((c) => matches([c.key.replace(/_/g, ' '), c.label.nl, c.label.en, ...c.keywords]));
  const res = await backend.search<SuggestedActivity>({
    q,
    filter: buildFilter({ status: ['active'] }),
    limit,
    attributesToRetrieve: ['id', 'title', 'location', 'organization'],
  });
  return {
    query: q,
    needs: needHits.slice(0, 6).map((n) => ({ key: n.key, label: n.label[lang] })),
    categories: categoryHits.slice(0, 6).map((c) => ({ key: c.key, label: c.label[lang] })),
    activities: withDetails(res.hits as SuggestedActivity[]),
  };
}

type SuggestedActivity = Pick<Activity, 'id' | 'title' | 'location' | 'organization'>;

// What can tell two activities of the same title apart, in the order a person would look.
const DISTINGUISHERS: Array<(a: SuggestedActivity) => string | null | undefined> = [
  (a) => a.location?.city ?? a.location?.gemeente,
  (a) => a.organization.name,
  (a) => a.location?.name,
  (a) => [a.location?.street, a.location?.city].filter(Boolean).join(', '),
];

/**
 * Activity suggestions; those sharing a title get a `detail`: the first distinguisher whose
 * values differ within the group (place, else organisation, else venue, else address).
 */
export function withDetails(hits: readonly SuggestedActivity[]): SuggestResponse['activities'] {
  const groups = new Map<string, SuggestedActivity[]>();
  for (const h of hits) {
    const key = foldText(h.title);
    groups.set(key, [...(groups.get(key) ?? []), h]);
  }
  const details = new Map<string, string>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const pick = DISTINGUISHERS.find((d) => new Set(group.map((a) => d(a) || '')).size === group.length) ?? DISTINGUISHERS[0]!;
    for (const a of group) {
      const detail = pick(a);
      if (detail) details.set(a.id, detail);
    }
  }
  return hits.map((h) => (details.has(h.id) ? { id: h.id, title: h.title, detail: details.get(h.id)! } : { id: h.id, title: h.title }));
}
