// The tier plan (pure): disjoint tiers in ranking order, and count groups that cover exactly
// the same activities, checked by evaluating the filters over a small universe.
import { describe, expect, it } from 'vitest';
import { inList, type MeiliFilter } from '@sociale-kaart/meili';
import { addFacets, planTiers, type Preference } from '../src/tiers.js';

/** A tiny evaluator of the filters this module builds: AND of elements, OR inside arrays, NOT (…). */
type Doc = { needs: string[]; categories: string[] };
function holds(condition: string, d: Doc): boolean {
  const neg = /^NOT \((.*)\)$/.exec(condition);
  if (neg) return !holds(neg[1]!, d);
  const m = /^(needs|categories) IN \[(.*)\]$/.exec(condition);
  if (!m) throw new Error(`cannot evaluate ${condition}`);
  const values = m[2]!.split(', ').map((v) => JSON.parse(v) as string);
  return (m[1] === 'needs' ? d.needs : d.categories).some((x) => values.includes(x));
}
const matches = (filter: MeiliFilter, d: Doc) => filter.every((el) => (Array.isArray(el) ? el.some((c) => holds(c, d)) : holds(el, d)));

const NEEDS = ['rouw', 'stress', 'geldzorgen'];
const CATS = ['grief_loss', 'money_admin', 'exercise', 'meaning'];
const universe: Doc[] = [];
for (let i = 0; i < 2 ** (NEEDS.length + CATS.length); i++) {
  universe.push({ needs: NEEDS.filter((_, b) => i & (1 << b)), categories: CATS.filter((_, b) => i & (1 << (b + NEEDS.length))) });
}

describe('planTiers', () => {
  const prefs: Preference[] = [
    { condition: inList('needs', ['rouw']), q: 'rouw', first: inList('categories', ['grief_loss', 'meaning']) },
    { condition: inList('needs', ['geldzorgen']), q: 'schulden' },
    { condition: inList('categories', ['grief_loss', 'money_admin']), q: '' },
    { condition: inList('categories', ['exercise']), q: '' },
  ];

  it('makes disjoint tiers in order, the `first` part of a preference before the rest of it', () => {
    const plan = planTiers([], prefs, { q: 'rest' });
    expect(plan.tiers.map((t) => t.q)).toEqual(['rouw', 'rouw', 'schulden', '', '', 'rest']);
    for (const d of universe) expect(plan.tiers.filter((t) => matches(t.filter, d)).length, JSON.stringify(d)).toBe(1);
    const sure = universe.find((d) => d.needs.includes('rouw') && d.categories.includes('meaning'))!;
    const other = universe.find((d) => d.needs.includes('rouw') && d.categories.length === 0)!;
    expect(plan.tiers.findIndex((t) => matches(t.filter, sure))).toBe(0);
    expect(plan.tiers.findIndex((t) => matches(t.filter, other))).toBe(1);
  });

  it('counts over groups of the same text that cover exactly the tiers', () => {
    const plan = planTiers([], prefs, { q: 'rest' });
    // rouw | schulden | the two '' preferences merged | rest
    expect(plan.counts.map((c) => c.q)).toEqual(['rouw', 'schulden', '', 'rest']);
    for (const d of universe) {
      const group = plan.counts.findIndex((c) => matches(c.filter, d));
      expect(plan.counts.filter((c) => matches(c.filter, d)).length).toBe(1);
      const tier = plan.tiers.find((t) => matches(t.filter, d))!;
      expect(plan.counts[group]!.q).toBe(tier.q);
    }
  });

  it('without a last tier keeps to the preferences, and merges a last group of the same text', () => {
    const plan = planTiers([], [prefs[2]!, prefs[3]!], null);
    expect(plan.counts).toHaveLength(1);
    for (const d of universe) {
      const inAny = plan.tiers.some((t) => matches(t.filter, d));
      expect(matches(plan.counts[0]!.filter, d)).toBe(inAny);
    }
    const withLast = planTiers([], [prefs[2]!], { q: '' });
    expect(withLast.counts).toEqual([{ q: '', filter: [] }]);
  });
});

describe('addFacets', () => {
  it('adds the counts of disjoint sets', () => {
    expect(addFacets([{ days: { ma: 2, di: 1 } }, undefined, { days: { di: 3 }, free: { true: 1 } }])).toEqual({ days: { ma: 2, di: 4 }, free: { true: 1 } });
  });
});
