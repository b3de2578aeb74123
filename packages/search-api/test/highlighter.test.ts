// The API's own highlighter (src/highlight.ts): its pieces on their own. What it marks against
// Meilisearch is test/highlight-meili.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closestPrefix, editDistance, highlighterFor, withinOne } from '../src/highlight.js';

const S = '\uE000';
const E = '\uE001';
const show = (s: string) => s.replaceAll(S, '[').replaceAll(E, ']');

/** Optimal string alignment distance, the textbook table. */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}

const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'e'), maxLength: 9 });

describe('edit distances', () => {
  it('editDistance is the capped optimal string alignment distance', () => {
    fc.assert(fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, max) => editDistance(a, b, max) === Math.min(osa(a, b), max + 1)));
  });

  it('withinOne says whether the distance is at most one', () => {
    fc.assert(fc.property(word, word, (a, b) => withinOne(a, b) === osa(a, b) <= 1));
  });

  it('closestPrefix finds the longest of the closest prefixes within the budget', () => {
    fc.assert(
      fc.property(word.filter((w) => w.length > 0), word, fc.integer({ min: 1, max: 2 }), (a, w, max) => {
        const dists = Array.from({ length: w.length + 1 }, (_, j) => osa(a, w.slice(0, j)));
        const least = Math.min(...dists);
        const expected = least <= max ? dists.lastIndexOf(least) : 0;
        return closestPrefix(a, w, max) === expected;
      }),
    );
    expect(closestPrefix('digital', 'digitaal', 1)).toBe(8);
    expect(closestPrefix('mxaatje', 'maatjesproject', 1)).toBe(6);
  });
});

describe('highlighterFor', () => {
  const none = {};
  const mark = (q: string, text: string, synonyms: Record<string, string[]> = none) => show(highlighterFor(q, synonyms)!.mark(text));

  it('marks words case and diacritics aside, the last query word as a prefix', () => {
    expect(mark('koffie', 'Koffie-ochtend met KOFFIE en koffiedrinken')).toBe('[Koffie]-ochtend met [KOFFIE] en [koffie]drinken');
    expect(mark('cafe', 'Taalcafé en Café de Hoek')).toBe('Taalcafé en [Café] de Hoek');
    expect(mark('taalcafe', 'Taalcafé Noord')).toBe('[Taalcafé] Noord');
    expect(mark('taalca', 'Taalcafé Noord')).toBe('[Taalca]fé Noord');
    // The prefix mark ends after the accent of the last letter marked.
    expect(mark('taalcafe', 'Taalcafe\u0301s')).toBe('[Taalcafe\u0301]s');
    expect(mark('koffie ochtend', 'Koffie en ochtend, koffieochtend')).toBe('[Koffie] en [ochtend], [koffieochtend]');
  });

  it('allows typos by word length, a different first letter counting as two', () => {
    expect(mark('wandelne', 'Wandelen in het bos')).toBe('[Wandelen] in het bos');
    expect(mark('koor', 'Koren en kor')).toBe('Koren en kor');
    expect(mark('vandelen', 'Wandelen')).toBe('Wandelen');
    expect(mark('vrijwiligerswerk koken', 'Vrijwilligerswerk')).toBe('[Vrijwilligerswerk]');
    // The last word is a prefix: marked as far as it is long, as Meilisearch does.
    expect(mark('vrijwiligerswerk', 'Vrijwilligerswerk')).toBe('[Vrijwilligerswer]k');
    expect(mark('wandelen fietsen', 'wandlen fietsen')).toBe('[wandlen] [fietsen]');
  });

  it('marks one-word synonyms and a query word the text writes as two', () => {
    expect(mark('verdriet', 'Rouw en verlies, rouwgroep', { verdriet: ['rouw', 'rouw en verlies'] })).toBe('[Rouw] en verlies, rouwgroep');
    expect(mark('burn-out', 'Omgaan met stress', { 'burn-out': ['stress'] })).toBe('Omgaan met [stress]');
    expect(mark('repaircafe', 'Het Repair Café')).toBe('Het [Repair Café]');
  });

  it('leaves text without matches as it is, the very same string', () => {
    const text = 'Buurtkoor De Zangvogels';
    expect(highlighterFor('yoga', none)!.mark(text)).toBe(text);
    expect(highlighterFor('yoga', none)!.mark('')).toBe('');
  });

  it('a single letter is no prefix, a digit is', () => {
    expect(mark('jeu de b', 'Jeu de boules')).toBe('[Jeu] [de] boules');
    expect(mark('5', '55-plussers')).toBe('[5]5-plussers');
  });

  it('gives no highlighter for what Meilisearch reads otherwise', () => {
    for (const q of ['', '"samen eten"', 'koken -vlees', '-vlees', 'een twee drie vier vijf zes zeven acht negen tien elf', 'مرحبا', 'ёлка', '...']) expect(highlighterFor(q, none), q).toBeNull();
    expect(highlighterFor('koken-vlees', none)).not.toBeNull();
  });

  it('only ever adds markers: without them the text is unchanged', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'é', 'e\u0301', ' ', '-', 'K', 'o', 'ﬁ', '\u{1F3B5}', '5'), maxLength: 30 });
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', 'e', 'k', 'o', ' ', 'é', '5', 'fi'), minLength: 1, maxLength: 8 }), text, (q, t) => {
      const h = highlighterFor(q.replace(/\s+/g, ' ').trim(), none);
      if (!h) return true;
      const marked = h.mark(t);
      return marked.replaceAll(S, '').replaceAll(E, '') === t && marked.split(S).length === marked.split(E).length;
    }));
  });
});
