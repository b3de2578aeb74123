/**
 * The sociale kaart's own vocabularies as HSDS taxonomies and taxonomy terms, with ids
 * that never change (name-based UUIDs of the taxonomy name and the key):
 * - categories, under the 4D domains: each category's parent is its first (main) domain,
 *   so the category taxonomy has two levels (`parent_id`, `top_only`);
 * - needs (reasons for referral) and audiences: flat lists;
 * - features: what a service record says with a term (Welzijn op Recept, a referral is
 *   needed, the gemeente's welzijnscoach, wheelchair access, the intake's addresses).
 * The data is tiny, so it lives in memory and is paged there.
 */
import {
  AUDIENCE_KEYS,
  CATEGORY_KEYS,
  NEED_KEYS,
  audiences,
  categories,
  domains4d,
  foldText,
  needs,
  resolveCategory,
  type Label,
} from '@sociale-kaart/schema';
import type { ActivityFilter } from '@sociale-kaart/meili';
import { isUuid, uuidFromName } from '../uuid.js';

export const CATEGORY_TAXONOMY = 'sociale-kaart-categorieen';
export const NEED_TAXONOMY = 'sociale-kaart-behoeften';
export const AUDIENCE_TAXONOMY = 'sociale-kaart-doelgroepen';
export const FEATURE_TAXONOMY = 'sociale-kaart-kenmerken';
const TAXONOMY_VERSION = '1';

type Json = Record<string, unknown>;

export interface Taxonomy {
  id: string;
  name: string;
  description: string;
  version: string;
}

export interface Term {
  id: string;
  code: string;
  name: string;
  description: string;
  taxonomy: string;
  taxonomy_id: string;
  parent_id?: string;
  language: 'nl';
  /** What the term selects in the index; undefined: it cannot be used as a filter. */
  filter: ActivityFilter | undefined;
}

export function taxonomyUuid(name: string): string {
  return uuidFromName(`taxonomy:${name}`);
}
/** Unchanged since the first HSDS API: ids published before keep working. */
export function termUuid(taxonomy: string, key: string): string {
  return uuidFromName(`term:${taxonomy}:${key}`);
}

const taxonomy = (name: string, title: string, description: string): Taxonomy => ({ id: taxonomyUuid(name), name: title, description, version: TAXONOMY_VERSION });

export const TAXONOMIES: readonly Taxonomy[] = [
  taxonomy(CATEGORY_TAXONOMY, 'Categorieën', 'Soorten welzijnsactiviteiten van de sociale kaart, onder de vier domeinen van 4D (lichaam, geest, maatschappelijk, sociaal).'),
  taxonomy(NEED_TAXONOMY, 'Behoeften', 'Redenen voor een verwijzing (Welzijn op Recept): eenzaamheid, rouw, stress, geldzorgen en meer.'),
  taxonomy(AUDIENCE_TAXONOMY, 'Doelgroepen', 'Voor wie een activiteit is bedoeld.'),
  taxonomy(FEATURE_TAXONOMY, 'Kenmerken', 'Kenmerken van een dienst: Welzijn op Recept, verwijzing nodig, welzijnscoach, toegankelijkheid en intake.'),
];

const bilingual = (label: Label) => `${label.nl} / ${label.en}`;

function term(taxonomy: string, key: string, label: Label, filter: ActivityFilter | undefined, parentKey?: string): Term {
  return {
    id: termUuid(taxonomy, key),
    code: key,
    name: label.nl,
    description: bilingual(label),
    taxonomy,
    taxonomy_id: taxonomyUuid(taxonomy),
    ...(parentKey ? { parent_id: termUuid(taxonomy, parentKey) } : {}),
    language: 'nl',
    filter,
  };
}

/** Feature terms; their codes are what the indexer reads back (intake-url, intake-email). */
export const FEATURES = {
  welzijnOpRecept: { code: 'welzijn_op_recept', label: { nl: 'Welzijn op Recept', en: 'Social prescribing' }, filter: { acceptsWelzijnOpRecept: true } },
  referralRequired: { code: 'referral_required', label: { nl: 'Verwijzing nodig', en: 'Referral required' }, filter: undefined },
  welzijnscoach: { code: 'welzijnscoach', label: { nl: 'Welzijnscoach', en: 'Social prescribing link worker' }, filter: { isWelzijnscoach: true } },
  wheelchair: { code: 'wheelchair_accessible', label: { nl: 'Rolstoeltoegankelijk', en: 'Wheelchair accessible' }, filter: { wheelchairAccessible: true } },
  intakeUrl: { code: 'intake-url', label: { nl: 'Intakeformulier', en: 'Intake form' }, filter: undefined },
  intakeEmail: { code: 'intake-email', label: { nl: 'E-mailadres voor de intake', en: 'Intake e-mail address' }, filter: undefined },
} as const satisfies Record<string, { code: string; label: Label; filter: ActivityFilter | undefined }>;

const domainChildren = (domain: string) => categories.filter((c) => c.domains4d[0] === domain).map((c) => c.key);

export const TERMS: readonly Term[] = [
  ...domains4d.map((d) => term(CATEGORY_TAXONOMY, d.key, d.label, { categories: domainChildren(d.key) })),
  ...categories.map((c) => term(CATEGORY_TAXONOMY, c.key, c.label, { categories: [c.key] }, c.domains4d[0])),
  ...needs.map((n) => term(NEED_TAXONOMY, n.key, n.label, { needs: [n.key] })),
  ...audiences.map((a) => term(AUDIENCE_TAXONOMY, a.key, a.label, { audience: [a.key] })),
  ...Object.values(FEATURES).map((f) => term(FEATURE_TAXONOMY, f.code, f.label, f.filter)),
];

const termById = new Map(TERMS.map((t) => [t.id, t]));
const termByCode = new Map(TERMS.map((t) => [`${t.taxonomy}:${t.code}`, t]));
const taxonomyById = new Map(TAXONOMIES.map((t) => [t.id, t]));
const taxonomyNameOfId = new Map([CATEGORY_TAXONOMY, NEED_TAXONOMY, AUDIENCE_TAXONOMY, FEATURE_TAXONOMY].map((n) => [taxonomyUuid(n), n]));

export function getTerm(id: string): Term | undefined {
  return termById.get(id.toLowerCase());
}
export function getTaxonomy(id: string): Taxonomy | undefined {
  return taxonomyById.get(id.toLowerCase());
}
export function termOf(taxonomy: string, code: string): Term {
  const t = termByCode.get(`${taxonomy}:${code}`);
  if (!t) throw new Error(`no term ${code} in ${taxonomy}`);
  return t;
}

/** A term as HSDS publishes it (without our filter). */
export function termRecord(t: Term): Json {
  const { filter, ...record } = t;
  void filter;
  return record;
}

/**
 * A `taxonomy_term_id` value: a term id, or (for people typing URLs) a key of ours such as
 * `exercise`, `eenzaamheid`, `ouderen`, or a category's Dutch label. Undefined: unknown.
 */
export function resolveTermValue(value: string): Term | undefined {
  if (isUuid(value)) return getTerm(value);
  for (const [taxonomy, keys] of [
    [NEED_TAXONOMY, NEED_KEYS],
    [AUDIENCE_TAXONOMY, AUDIENCE_KEYS],
    [CATEGORY_TAXONOMY, CATEGORY_KEYS],
  ] as const) {
    if ((keys as readonly string[]).includes(value)) return termOf(taxonomy, value);
  }
  const category = resolveCategory(value);
  return category ? termOf(CATEGORY_TAXONOMY, category) : undefined;
}

/** The filters that select every service tagged with some term of a taxonomy (by its id). */
export function taxonomyFilters(id: string): ActivityFilter[] | undefined {
  const name = taxonomyNameOfId.get(id.toLowerCase());
  if (!name) return undefined;
  if (name === CATEGORY_TAXONOMY) return [{ categories: [...CATEGORY_KEYS] }];
  if (name === NEED_TAXONOMY) return [{ needs: [...NEED_KEYS] }];
  if (name === AUDIENCE_TAXONOMY) return [{ audience: [...AUDIENCE_KEYS] }];
  return Object.values(FEATURES).flatMap((f) => (f.filter ? [f.filter as ActivityFilter] : []));
}

/** Case- and accent-insensitive text match on name, code and description (the `search` parameter). */
export function matchesText(record: { name: string; description: string; code?: string }, search: string | undefined): boolean {
  if (!search) return true;
  const needle = foldText(search);
  return [record.name, record.description, record.code ?? ''].some((s) => foldText(s).includes(needle));
}
