/**
 * Query understanding: which needs and categories a GP's typed words name. "schulden",
 * "partner overleden", "slecht slapen", "weinig contacten" and "rekeningen niet kunnen
 * betalen" name a need as surely as choosing it from the list does, so the search can rank
 * that need's activities first and say what it understood.
 *
 * Matching is deliberately plain and explainable: the folded query is split into words; a
 * term (a need's label or synonym, a category's label) matches when each of its words matches
 * a query word in order, allowing small Dutch inflections (contact/contacten, eenzaam/eenzame,
 * slapen/slaap) and a few filler words between them ("rekeningen niet kunnen betalen").
 * Longer terms win over shorter ones that they contain, and each query word serves one term.
 */
import { categories, foldText, needs, type CategoryKey, type NeedKey } from './taxonomy.js';

export interface UnderstoodQuery {
  /** Needs named in the text, in the order they appear. */
  needs: NeedKey[];
  /** Categories named in the text (by their label), in the order they appear. */
  categories: CategoryKey[];
  /** The query words that named nothing, in their original order (folded). */
  rest: string;
  /**
   * Each need and category with the taxonomy term that named it (folded, as in the
   * taxonomy: "weinig contact" for "weinig contacten"), in the order they appear; the first
   * term of each. A search for the term finds every activity of that need or category,
   * because their documents carry the labels and synonyms.
   */
  matches: Array<{ kind: 'need' | 'category'; key: string; term: string }>;
}

/** Words that carry no meaning of their own in a GP's short query. */
const FILLER = new Set(['de', 'het', 'een', 'en', 'of', 'niet', 'geen', 'kan', 'kunnen', 'meer', 'heel', 'erg', 'veel', 'mijn', 'zijn', 'haar', 'is', 'heeft', 'met', 'van', 'voor', 'bij', 'om', 'te', 'op', 'in', 'wil', 'wel']);
/** How many filler words may sit between two words of one term. */
const MAX_GAP = 2;
/** Label words too general to name a category on their own. */
const WEAK_LABEL_WORDS = new Set(['samen', 'hulp', 'thuis', 'en', 'leven', 'werk', 'cultuur']);

const SUFFIXES = ['heden', 'heid', 'ingen', 'ing', 'ers', 'er', 'en', 'e', 's'];

/** A light Dutch stem: strip one common suffix (keeping at least four letters), undouble vowels. */
export function stemWord(word: string): string {
  let w = word;
  for (const s of SUFFIXES) {
    if (w.endsWith(s) && w.length - s.length >= 4) {
      w = w.slice(0, -s.length);
      break;
    }
  }
  return w.replace(/([aeou])\1/g, '$1');
}

function wordsMatch(queryWord: string, termWord: string): boolean {
  if (queryWord === termWord) return true;
  if (termWord.length < 4 || queryWord.length < 4) return false;
  return stemWord(queryWord) === stemWord(termWord);
}

interface Term {
  words: string[];
  need?: NeedKey;
  category?: CategoryKey;
}

function termsFor(text: string): string[][] {
  return text
    .split(/[,&/]| en /)
    .map((part) => foldText(part).split(' ').filter(Boolean))
    .filter((w) => w.length > 0);
}

const TERMS: Term[] = (() => {
  const out: Term[] = [];
  for (const n of needs) {
    for (const s of [n.label.nl, n.label.en, ...n.synonyms]) {
      for (const words of termsFor(s)) out.push({ words, need: n.key });
    }
  }
  for (const c of categories) {
    for (const words of termsFor(c.label.nl)) {
      const strong = words.filter((w) => !WEAK_LABEL_WORDS.has(w));
      if (strong.length > 0) out.push({ words: strong, category: c.key });
    }
  }
  // Longest terms first, so "geen contact" claims its words before "contact" could.
  return out.sort((a, b) => b.words.length - a.words.length);
})();

/** Where `term` occurs in `words` (only unclaimed words), or null. */
function findTerm(words: readonly string[], claimed: readonly boolean[], term: Term): number[] | null {
  for (let start = 0; start < words.length; start++) {
    if (claimed[start] || !wordsMatch(words[start]!, term.words[0]!)) continue;
    const at = [start];
    let pos = start;
    for (const tw of term.words.slice(1)) {
      let next = -1;
      for (let j = pos + 1; j <= pos + 1 + MAX_GAP && j < words.length; j++) {
        if (!claimed[j] && wordsMatch(words[j]!, tw)) {
          next = j;
          break;
        }
        if (!FILLER.has(words[j]!)) break;
      }
      if (next < 0) break;
      at.push(next);
      pos = next;
    }
    if (at.length === term.words.length) return at;
  }
  return null;
}

/** The needs and categories that `text` names, and the words left over. */
export function understandQuery(text: string): UnderstoodQuery {
  const words = foldText(text).split(' ').filter(Boolean);
  const claimed = words.map(() => false);
  const found: { at: number; need?: NeedKey; category?: CategoryKey; term: string }[] = [];
  for (const term of TERMS) {
    const at = findTerm(words, claimed, term);
    if (!at) continue;
    for (const i of at) claimed[i] = true;
    found.push({ at: at[0]!, need: term.need, category: term.category, term: term.words.join(' ') });
  }
  found.sort((a, b) => a.at - b.at);
  const uniq = <T>(xs: (T | undefined)[]) => [...new Set(xs.filter((x): x is T => x !== undefined))];
  const matches: UnderstoodQuery['matches'] = [];
  for (const f of found) {
    const kind = f.need ? 'need' : 'category';
    const key = (f.need ?? f.category)!;
    if (!matches.some((m) => m.kind === kind && m.key === key)) matches.push({ kind, key, term: f.term });
  }
  return {
    needs: uniq(found.map((f) => f.need)),
    categories: uniq(found.map((f) => f.category)),
    rest: words.filter((w, i) => !claimed[i] && !FILLER.has(w)).join(' '),
    matches,
  };
}
