// The hand-written parts of /v1/search's answer (src/hits.ts searchHitJson, src/facets.ts
// facetsJson) against JSON.stringify of the objects they stand for, over generated input:
// any text in title and summary (markers, emoji, lone surrogates, quotes), any `_formatted`
// (right, wrong, missing, not a string), any place, moment and check date, unknown facet keys.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categories, type Activity } from '@sociale-kaart/schema';
import { facetsFor, facetsJson } from '../src/facets.js';
import { HIGHLIGHT_END, HIGHLIGHT_START, hitText, searchHitJson, staticHitJson, toSearchHit } from '../src/hits.js';
import { asciiString } from '../src/http/json.js';
import { buildActivities } from './fixtures/activities.js';

const base = buildActivities().slice(0, 5);
const text = fc.string({ unit: fc.constantFrom('a', 'é', ' ', '"', '\\', '\u{1F3B5}', '\ud83d', HIGHLIGHT_START, HIGHLIGHT_END, '\u2028', 'x'), maxLength: 12 });

/** Meilisearch's highlight of `s`: markers around some part of it, or something else entirely. */
const formattedOf = (s: string) =>
  fc.oneof(
    fc.constant(s),
    fc.tuple(fc.nat(s.length), fc.nat(s.length)).map(([a, b]) => {
      const [i, j] = a <= b ? [a, b] : [b, a];
      return `${s.slice(0, i)}${HIGHLIGHT_START}${s.slice(i, j)}${HIGHLIGHT_END}${s.slice(j)}`;
    }),
    text,
    fc.constant(undefined),
    fc.constant(42),
  );

const hitCase = fc
  .record({ at: fc.nat(base.length - 1), title: text, summary: text, checked: fc.option(fc.integer({ min: 1_600_000_000_000, max: 1_800_000_000_000 })), center: fc.option(fc.record({ lat: fc.double({ min: 50.7, max: 53.5, noNaN: true }), lng: fc.double({ min: 3.3, max: 7.2, noNaN: true }) })) })
  .chain((c) => fc.record({ c: fc.constant(c), ft: formattedOf(c.title), fs: formattedOf(c.summary), days: fc.constantFrom(0, 1, 30, 180), now: fc.integer({ min: 1_700_000_000_000, max: 1_800_000_000_000 }), lang: fc.constantFrom('nl' as const, 'en' as const) }));

describe('searchHitJson', () => {
  it('is JSON.stringify(toSearchHit(…)) in ASCII, for any text, highlight, place, moment and check date', () => {
    fc.assert(
      fc.property(hitCase, ({ c, ft, fs, days, now, lang }) => {
        const doc: Activity = { ...base[c.at]!, title: c.title, summary: c.summary, assuredDate: c.checked === null ? undefined : new Date(c.checked).toISOString() } as Activity;
        const hit = { doc, formatted: { title: ft, summary: fs } };
        const at = new Date(now);
        const expected = asciiString(JSON.stringify(toSearchHit(hit, lang, c.center, at, days)));
        expect(searchHitJson(hit, { staticJson: staticHitJson(doc, lang), text: hitText(doc) }, c.center, at, days)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('facetsJson', () => {
  it('is JSON.stringify(facetsFor(…)) in ASCII, with zero counts, unknown keys and every facet', () => {
    const key = fc.oneof(fc.constantFrom(...categories.map((x) => x.key), 'ma', 'zo', 'true', 'false', 'ochtend', 'ouderen'), text);
    const counts = fc.dictionary(key, fc.nat(50), { maxKeys: 8 });
    const dist = fc.record({ categories: counts, needs: counts, days: counts, partsOfDay: counts, free: counts, audience: counts }, { requiredKeys: [] });
    fc.assert(
      fc.property(dist, fc.constantFrom('nl' as const, 'en' as const), (d, lang) => {
        expect(facetsJson(d, lang)).toBe(asciiString(JSON.stringify(facetsFor(d, lang))));
      }),
      { numRuns: 300 },
    );
  });
});
