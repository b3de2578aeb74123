/**
 * HSDS parameters → one Meilisearch filter, built only through @sociale-kaart/meili's
 * builder. Values of one parameter are ORed (a term of the categories and one of the needs
 * become one OR group); parameters are ANDed. `null`: nothing can match (an unknown term,
 * taxonomy or organization), so no search is needed.
 */
import { buildFilter, type ActivityFilter, type MeiliFilter } from '@sociale-kaart/meili';
import { badRequest } from '../http/problem.js';
import type { IdLookup } from './lookup.js';
import { resolveTermValue, taxonomyFilters } from './taxonomy.js';

export interface FilterParams {
  taxonomy_term_id?: string[] | undefined;
  taxonomy_id?: string[] | undefined;
  organization_id?: string[] | undefined;
  modified_after?: number | undefined;
  minimum_age?: number | undefined;
  maximum_age?: number | undefined;
  day?: string[] | undefined;
  start_time?: string | undefined;
  end_time?: string | undefined;
  geo?: { lat: number; lng: number; meters?: number | undefined } | undefined;
}

/** Any of the specs: one OR group of their (single) conditions. */
function anyOf(specs: ActivityFilter[]): Array<string | string[]> {
  const parts = specs.flatMap((s) => buildFilter(s)).flat();
  return parts.length === 1 ? [parts[0]!] : [parts];
}

export async function hsdsFilter(p: FilterParams, lookup: IdLookup): Promise<MeiliFilter | null> {
  const out: MeiliFilter = [];
  if (p.taxonomy_term_id?.length) {
    const specs: ActivityFilter[] = [];
    for (const value of p.taxonomy_term_id) {
      const term = resolveTermValue(value);
      if (term && !term.filter) {
        throw badRequest([{ parameter: 'taxonomy_term_id', pointer: '/taxonomy_term_id', message: `term ${term.code} describes services but cannot select them` }]);
      }
      if (term?.filter) specs.push(term.filter);
    }
    if (specs.length === 0) return null;
    out.push(...anyOf(specs));
  }
  if (p.taxonomy_id?.length) {
    const specs = p.taxonomy_id.flatMap((id) => taxonomyFilters(id) ?? []);
    if (specs.length === 0) return null;
    out.push(...anyOf(specs));
  }
  if (p.organization_id?.length) {
    const ids: string[] = [];
    for (const value of p.organization_id) ids.push((await lookup.organizationId(value)) ?? value);
    out.push(...buildFilter({ organizationId: ids }));
  }
  const spec: ActivityFilter = {};
  if (p.modified_after !== undefined) spec.modifiedSince = p.modified_after;
  if (p.minimum_age !== undefined || p.maximum_age !== undefined) spec.ageOverlap = { from: p.minimum_age, to: p.maximum_age };
  if (p.day?.length) spec.days = p.day;
  if (p.start_time !== undefined || p.end_time !== undefined) spec.timeOverlap = { from: p.start_time, until: p.end_time };
  if (p.geo?.meters !== undefined) spec.geoRadius = { lat: p.geo.lat, lng: p.geo.lng, meters: p.geo.meters };
  out.push(...buildFilter(spec));
  return out;
}
