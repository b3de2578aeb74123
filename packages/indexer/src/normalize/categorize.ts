/**
 * Categories and needs. Taxonomy terms in the feed that match one of our category keys
 * or labels win. A feed without our taxonomy gets categories from transparent keyword
 * rules: the Dutch word stems listed per category in the schema package, matched at the
 * start of a word in the title and description. Needs come from the feed, else from
 * need words in the text plus the needs that the categories help with most.
 */
import {
  categories as CATEGORY_TABLE,
  foldText,
  getCategory,
  getNeed,
  needs as NEED_TABLE,
  resolveCategory,
  resolveNeed,
  type CategoryKey,
  type Domain4dKey,
  type NeedKey,
  type PgDimensionKey,
} from '@sociale-kaart/schema';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Words that start with a category stem but mean something else ("parkeren" is not a park,
// "werkt" is not work).
const FALSE_FRIENDS = ['parkeer', 'parkeren', 'parkeerplaats', 'werkt', 'werkwijze', 'werkdag', 'werkdagen', 'lessen trekken', 'groente'];
const falseFriends = new RegExp(`(?:^| )(?:${FALSE_FRIENDS.map((w) => escapeRegExp(foldText(w))).join('|')})\\w*`, 'g');

/** One rule per category: its stems, matched at the start of a word. */
export const CATEGORY_RULES: ReadonlyArray<{ key: CategoryKey; pattern: RegExp }> = CATEGORY_TABLE.map((c) => ({
  key: c.key,
  pattern: new RegExp(`(?:^| )(?:${c.keywords.map((k) => escapeRegExp(foldText(k))).join('|')})`),
}));

// Needs named in the text: the need's Dutch label words and synonyms of at least 5 letters,
// matched as whole words (short ones such as "druk" or "post" say too little on their own).
const NEED_RULES: ReadonlyArray<{ key: NeedKey; pattern: RegExp }> = NEED_TABLE.map((n) => {
  const words = [n.label.nl, ...n.synonyms].map(foldText).filter((w) => w.length >= 5);
  return { key: n.key, pattern: new RegExp(`(?:^| )(?:${[...new Set(words)].map(escapeRegExp).join('|')})(?= |$)`) };
});

/** Categories whose keyword rules match the text, in taxonomy order. */
export function categoriesByRules(text: string): CategoryKey[] {
  const folded = ` ${foldText(text).replace(falseFriends, ' ')} `.replace(/\s+/g, ' ');
  return CATEGORY_RULES.filter((r) => r.pattern.test(folded)).map((r) => r.key);
}

/** Needs named in the text. */
export function needsInText(text: string): NeedKey[] {
  const folded = foldText(text);
  return NEED_RULES.filter((r) => r.pattern.test(folded)).map((r) => r.key);
}

/** Needs that one of the categories helps with most (among the need's first three categories). */
export function needsHelpedBy(keys: readonly CategoryKey[]): NeedKey[] {
  const set = new Set(keys);
  return NEED_TABLE.filter((n) => n.categories.slice(0, 3).some((c) => set.has(c))).map((n) => n.key);
}

export interface Categorization {
  categories: CategoryKey[];
  needs: NeedKey[];
  categorySource: 'feed' | 'rules' | 'mixed' | 'none';
  categoryLabels: string[];
  needLabels: string[];
  pgDimensions: PgDimensionKey[];
  domains4d: Domain4dKey[];
}

export interface CategorizeInput {
  /** Category terms from the feed (keys or labels; other vocabularies are ignored). */
  feedCategories: readonly string[];
  /** Need terms from the feed (keys, labels or synonyms). */
  feedNeeds: readonly string[];
  title: string;
  description: string;
}

/**
 * `categorySource`: "feed" when the categories came from the feed, "rules" when from keyword
 * rules, "mixed" when the feed named needs but no categories (categories by rules, needs from
 * the feed), "none" when nothing matched.
 */
export function categorize(input: CategorizeInput): Categorization {
  const fromFeed = unique(input.feedCategories.map((t) => resolveCategory(t)).filter((k): k is CategoryKey => !!k));
  const feedNeeds = unique(input.feedNeeds.map((t) => resolveNeed(t)).filter((k): k is NeedKey => !!k));
  const text = `${input.title}\n${input.description}`;
  let cats: CategoryKey[];
  let source: Categorization['categorySource'];
  if (fromFeed.length > 0) {
    cats = fromFeed;
    source = 'feed';
  } else {
    cats = categoriesByRules(text);
    source = cats.length === 0 ? (feedNeeds.length > 0 ? 'feed' : 'none') : feedNeeds.length > 0 ? 'mixed' : 'rules';
  }
  const needKeys = feedNeeds.length > 0 ? feedNeeds : unique([...needsInText(text), ...needsHelpedBy(cats)]);
  const sortedCats = CATEGORY_TABLE.map((c) => c.key).filter((k) => cats.includes(k));
  const sortedNeeds = NEED_TABLE.map((n) => n.key).filter((k) => needKeys.includes(k));
  const pg = new Set<PgDimensionKey>();
  const d4 = new Set<Domain4dKey>();
  const categoryLabels: string[] = [];
  for (const k of sortedCats) {
    const c = getCategory(k)!;
    c.pgDimensions.forEach((p) => pg.add(p));
    c.domains4d.forEach((d) => d4.add(d));
    categoryLabels.push(c.label.nl, c.label.en);
  }
  const needLabels: string[] = [];
  for (const k of sortedNeeds) {
    const n = getNeed(k)!;
    needLabels.push(n.label.nl, n.label.en, ...n.synonyms);
  }
  return {
    categories: sortedCats,
    needs: sortedNeeds,
    categorySource: source,
    categoryLabels: unique(categoryLabels),
    needLabels: unique(needLabels),
    pgDimensions: [...pg],
    domains4d: [...d4],
  };
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}
