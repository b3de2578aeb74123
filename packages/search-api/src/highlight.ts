/**
 * The words of a text search marked in a hit's title and summary, by the API itself.
 *
 * Why: highlighting is about 40% of Meilisearch's work for a page of hits (it reads each hit's
 * document, tokenises its title and summary and matches every word), while the API holds those
 * texts already (hit-store.ts) and keeps their words here, once per text: the API's own marking
 * costs it ~0.1 ms of CPU per page and Meilisearch ~0.8 ms less (bench/README.md).
 *
 * What is marked follows Meilisearch's own rules for the queries people type, so the answer
 * stays what it was (test/highlight-meili.test.ts compares both on a real Meilisearch):
 * - text is split in words at every character that is not a letter, digit or mark, and a
 *   word is compared lower case without diacritics ("Café" is "cafe");
 * - a query word matches a text word that is the same, or within its typo budget
 *   (5–8 characters: one typo, 9 or more: two; a typo is an insertion, deletion, change or
 *   swap of two letters, and a different first letter counts as two); the last query word
 *   also matches the start of a word (then only its own length is marked: "wandel" marks
 *   "**wandel**groep");
 * - two or three adjacent query words also match their concatenation ("repair cafe" marks
 *   "repaircafe"), with one typo fewer per extra word;
 * - the one-word synonyms of a query word, or of two or three adjacent ones, match as words
 *   (Meilisearch does not mark a synonym of several words);
 * - a query word the text writes as two words is marked as one ("repaircafe": "**Repair Cafe**").
 * A query this does not read the way Meilisearch does (quotes, a `-` before a word, more
 * than ten words, a script other than Latin) gets no highlighter: Meilisearch then
 * highlights, as before (search.ts).
 */
import { HIGHLIGHT_END, HIGHLIGHT_START } from './hits.js';
import { LruCache } from './nearby.js';

/** Meilisearch's typo budget by word length in characters (index settings, packages/meili). */
const ONE_TYPO = 5;
const TWO_TYPOS = 9;
/** Meilisearch reads at most this many query words. */
const MAX_QUERY_WORDS = 10;

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const MARKS = /\p{M}/gu;
const MARK = /\p{M}/u;
const NOT_ASCII = /[^\x00-\x7f]/;
/** Only Latin letters (and digits, marks) are read here; any other script goes to Meilisearch. */
const OTHER_SCRIPT = /(?![\p{Script=Latin}])\p{L}/u;

/** How Meilisearch compares a word: decomposed, marks removed, lower case. */
export function normalizeWord(word: string): string {
  return NOT_ASCII.test(word) ? word.normalize('NFKD').replace(MARKS, '').toLowerCase() : word.toLowerCase();
}

/** The compared form of every word of every text seen, each once, by number. */
const vocabulary = new Map<string, number>();
const vocabularyWords: string[] = [];
const VOCABULARY_MAX = 500_000;

function wordId(norm: string): number {
  let id = vocabulary.get(norm);
  if (id === undefined) {
    id = vocabularyWords.push(norm) - 1;
    vocabulary.set(norm, id);
  }
  return id;
}

/** A text's words: for each, its start, its end and its {@link wordId}, one after the other. */
type Words = Uint32Array;

function wordsOf(text: string): Words {
  const found = [...text.matchAll(WORD)];
  const out = new Uint32Array(found.length * 3);
  found.forEach((m, i) => {
    out[i * 3] = m.index;
    out[i * 3 + 1] = m.index + m[0].length;
    out[i * 3 + 2] = wordId(normalizeWord(m[0]));
  });
  return out;
}

const normsOf = (text: string) => [...text.matchAll(WORD)].map((m) => normalizeWord(m[0]));

/**
 * The words of the texts marked lately (hit titles and summaries: about 600 bytes each). More
 * than the hit store's 20,000 documents hold would be kept beside it; a page's texts are few.
 */
const known = new LruCache<Words>(20_000);

function wordsCached(text: string): Words {
  let words = known.get(text);
  if (words === undefined) {
    // Numbers are only ever added: start over (rarely, if ever) rather than grow without end.
    if (vocabulary.size > VOCABULARY_MAX) forgetWords();
    known.set(text, (words = wordsOf(text)));
  }
  return words;
}

/** Counts how often the numbers started over: a highlighter's own memo of them is then void. */
let generation = 0;

function forgetWords() {
  known.clear();
  vocabulary.clear();
  vocabularyWords.length = 0;
  generation++;
}

/** A query word (or adjacent words run together) as it matches a text word. */
interface Term {
  norm: string;
  typos: number;
  prefix: boolean;
}

/** Allowed typos for a word of `length` characters. */
const typoBudget = (length: number) => (length >= TWO_TYPOS ? 2 : length >= ONE_TYPO ? 1 : 0);

/**
 * Optimal string alignment of `a` against `b` (insertions, deletions, changes and swaps of
 * adjacent characters), row by row over `b`, stopping once every distance exceeds `max`:
 * the distance to all of `b` (`max + 1` when above `max`), and the least distance to a
 * prefix of `b` with the longest such prefix. On code units: the words compared are Latin.
 */
function align(a: string, b: string, max: number): { distance: number; closest: number; closestAt: number } {
  const n = a.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, i) => i);
  let cur = new Array<number>(n + 1).fill(0);
  let closest = n;
  let closestAt = 0;
  for (let j = 1; j <= b.length; j++) {
    cur[0] = j;
    let rowMin = j;
    for (let i = 1; i <= n; i++) {
      const ca = a.charCodeAt(i - 1);
      const cb = b.charCodeAt(j - 1);
      let d = Math.min(prev[i]! + 1, cur[i - 1]! + 1, prev[i - 1]! + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) d = Math.min(d, prev2[i - 2]! + 1);
      cur[i] = d;
      if (d < rowMin) rowMin = d;
    }
    if (cur[n]! <= closest) {
      closest = cur[n]!;
      closestAt = j;
    }
    // No later row can come back under `max` (each row's least value is at least the last one's).
    if (rowMin > max) return { distance: max + 1, closest, closestAt };
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return { distance: Math.min(prev[n]!, max + 1), closest, closestAt };
}

/** The optimal string alignment distance of `a` and `b`, capped: any distance above `max` is `max + 1`. */
export function editDistance(a: string, b: string, max: number): number {
  return Math.abs(a.length - b.length) > max ? max + 1 : align(a, b, max).distance;
}

/**
 * The length of the prefix of `word` closest to `a` (the longest of the closest), when within
 * `max` edits; 0 otherwise. Meilisearch marks, of a word a prefix term matches with typos, the
 * first index word it derived from the term that the text word starts with (at most the
 * term's length): which words the index holds is not known here, the closest prefix is
 * nearly always that word ("digital" marks "**digitaa**l", "mxaatje" "**maatje**sproject").
 */
export function closestPrefix(a: string, word: string, max: number): number {
  const { closest, closestAt } = align(a, word, max);
  return closest <= max ? closestAt : 0;
}

/**
 * The typo budget of `term` against a word starting with `first`: Meilisearch's rule that a
 * different first character counts as two typos (with one typo allowed, it must be the same).
 */
function budgetFor(term: Term, first: number): number {
  return term.norm.charCodeAt(0) === first ? term.typos : term.typos - 1;
}

/** How many characters of `word` a term marks (the whole word, or for a prefix its own length at most), or 0. */
function termMatch(term: Term, word: string): number {
  if (word === term.norm) return word.length;
  if (term.prefix && word.startsWith(term.norm)) return term.norm.length;
  if (term.typos === 0) return 0;
  const budget = budgetFor(term, word.charCodeAt(0));
  if (budget < 1) return 0;
  if (!term.prefix) {
    if (Math.abs(word.length - term.norm.length) > budget) return 0;
    return (budget === 1 ? withinOne(term.norm, word) : editDistance(term.norm, word, budget) <= budget) ? word.length : 0;
  }
  if (word.length < term.norm.length - budget) return 0;
  return Math.min(closestPrefix(term.norm, word, budget), term.norm.length);
}

/** {@link editDistance}`(a, b, 1) <= 1`, without a table: one change, insertion, deletion or swap at most. */
export function withinOne(a: string, b: string): boolean {
  if (a.length < b.length) [a, b] = [b, a];
  const n = a.length;
  const m = b.length;
  if (n - m > 1) return false;
  let i = 0;
  while (i < m && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === m) return true;
  // Deletion from the longer, change, or swap of i and i + 1: the rest must then be equal.
  if (n > m) return a.startsWith(b.slice(i), i + 1);
  if (a.startsWith(b.slice(i + 1), i + 1)) return true;
  return a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && a.startsWith(b.slice(i + 2), i + 2);
}

export interface Highlighter {
  /** `text` with the query's words marked (HIGHLIGHT_START … HIGHLIGHT_END); `text` itself when none match. */
  mark(text: string): string;
}

/** Synonyms as an index holds them: lower case, a key or value may be several words. */
export type Synonyms = Readonly<Record<string, readonly string[]>>;

const synonymTables = new WeakMap<Synonyms, Map<string, string[]>>();

/**
 * The synonyms as the highlighter reads them: keys as their compared words joined by one
 * space ("burn-out" is "burn out"), and only the values of one word. (Meilisearch matches a
 * synonym of several words as a phrase but does not mark it: "rouw en verlies" stays unmarked.)
 */
function synonymWords(synonyms: Synonyms): Map<string, string[]> {
  let table = synonymTables.get(synonyms);
  if (table) return table;
  table = new Map();
  for (const [key, values] of Object.entries(synonyms)) {
    const k = normsOf(key).join(' ');
    const single = values.map(normsOf).filter((w) => w.length === 1).map((w) => w[0]!);
    table.set(k, [...(table.get(k) ?? []), ...single]);
  }
  synonymTables.set(synonyms, table);
  return table;
}

/**
 * The highlighter of query `q` (as Meilisearch receives it: trimmed, single spaces) and the
 * index's synonyms (lower case keys and values, packages/meili `synonymsFromTaxonomy`);
 * null when Meilisearch should highlight (see the top of this file).
 */
export function highlighterFor(q: string, synonyms: Synonyms): Highlighter | null {
  if (q === '' || q.includes('"') || /(^|\s)-/.test(q) || OTHER_SCRIPT.test(q)) return null;
  const words = normsOf(q);
  if (words.length === 0 || words.length > MAX_QUERY_WORDS) return null;
  // The query's last word is read as a prefix unless something else ends the query.
  const lastIsPrefix = /[\p{L}\p{N}\p{M}]$/u.test(q);
  const table = synonymWords(synonyms);
  const terms: Term[] = [];
  // Meilisearch also reads a query word as two words of the index (one way: the most frequent).
  const splitWords = [...new Set(words.filter((w) => w.length > 1))];
  for (let i = 0; i < words.length; i++) {
    for (let size = 1; size <= 3 && i + size <= words.length; size++) {
      const part = words.slice(i, i + size);
      const norm = part.join('');
      const length = [...norm].length;
      // A single letter is no prefix for Meilisearch ("jeu de b" does not mark "boules"), a digit is ("5" marks "**5**5").
      const prefix = lastIsPrefix && i + size === words.length && (length > 1 || /\d/.test(norm));
      terms.push({ norm, typos: Math.max(0, typoBudget(length) - (size - 1)), prefix });
      for (const synonym of table.get(part.join(' ')) ?? []) terms.push({ norm: synonym, typos: 0, prefix: false });
    }
  }
  /** Marked characters of `word` by the best term (0: none), and per word once per query. */
  const wordMatch = (word: string) => {
    let best = 0;
    for (const term of terms) {
      const n = termMatch(term, word);
      if (n > best && (best = n) === word.length) break;
    }
    return best;
  };
  // Per word number: what the best term marks of it, worked out once per query.
  const seen = new Map<number, number>();
  let seenIn = generation;
  /** Words `a` and `b` together are a query word. */
  const isSplit = (a: string, b: string) => splitWords.some((w) => w.length === a.length + b.length && w.startsWith(a) && w.endsWith(b));
  return {
    mark(text) {
      const words = wordsCached(text);
      if (seenIn !== generation) {
        seen.clear();
        seenIn = generation;
      }
      const count = words.length / 3;
      let marked: number[] | undefined; // marked characters per word, 0 for none
      let joined: boolean[] | undefined; // marked together with the next word
      for (let t = 0; t < count; t++) {
        const id = words[t * 3 + 2]!;
        let n = seen.get(id);
        if (n === undefined) seen.set(id, (n = wordMatch(vocabularyWords[id]!)));
        if (n > 0) (marked ??= new Array<number>(count).fill(0))[t] = n;
        // A query word written as two words in the text ("repaircafe": "Repair Cafe"), marked as one.
        if (t + 1 < count && splitWords.length > 0) {
          const a = vocabularyWords[id]!;
          const b = vocabularyWords[words[t * 3 + 5]!]!;
          if (isSplit(a, b)) {
            marked ??= new Array<number>(count).fill(0);
            marked[t] = a.length;
            marked[t + 1] = b.length;
            (joined ??= new Array<boolean>(count).fill(false))[t] = true;
          }
        }
      }
      if (!marked) return text;
      let out = '';
      let from = 0;
      for (let t = 0; t < count; t++) {
        if (marked[t] === 0) continue;
        const start = words[t * 3]!;
        while (joined?.[t]) t++;
        const end = marked[t]! >= vocabularyWords[words[t * 3 + 2]!]!.length ? words[t * 3 + 1]! : originalEnd(text, words[t * 3]!, words[t * 3 + 1]!, marked[t]!);
        out += `${text.slice(from, start)}${HIGHLIGHT_START}${text.slice(start, end)}${HIGHLIGHT_END}`;
        from = end;
      }
      return out + text.slice(from);
    },
  };
}

/** Where in `text` the first `n` compared characters of the word from `start` to `wordEnd` end. */
function originalEnd(text: string, start: number, wordEnd: number, n: number): number {
  let count = 0;
  let at = start;
  while (at < wordEnd && count < n) {
    const ch = String.fromCodePoint(text.codePointAt(at)!);
    count += normalizeWord(ch).length;
    at += ch.length;
  }
  // Marks that follow belong to the last character marked.
  while (at < wordEnd && MARK.test(text[at]!)) at++;
  return at;
}
