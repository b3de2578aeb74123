import { describe, expect, it } from 'vitest';
import {
  AUDIENCE_KEYS,
  CATEGORY_KEYS,
  DOMAIN_4D_KEYS,
  NEED_KEYS,
  PG_DIMENSION_KEYS,
  audiences,
  categories,
  categoriesForNeeds,
  domains4d,
  foldText,
  getCategory,
  needs,
  pgDimensions,
  resolveAudience,
  resolveCategory,
  resolveNeed,
} from '../src/index.js';

const REQUIRED_NEEDS = [
  'eenzaamheid',
  'rouw',
  'stress',
  'somberheid',
  'angst',
  'slaapproblemen',
  'vermoeidheid',
  'geldzorgen',
  'zelfvertrouwen',
  'zinloosheid',
  'mantelzorgbelasting',
  'weinig_beweging',
  'overgewicht',
  'taalachterstand',
  'werkloosheid',
];

describe('categories', () => {
  it('has the 17 categories of the design, each once', () => {
    expect(categories.map((c) => c.key)).toEqual([...CATEGORY_KEYS]);
    expect(new Set(CATEGORY_KEYS).size).toBe(17);
  });

  it.each(categories.map((c) => [c.key, c] as const))('%s has labels in both languages and valid mappings', (_key, c) => {
    expect(c.label.nl.trim()).not.toBe('');
    expect(c.label.en.trim()).not.toBe('');
    expect(c.label.nl).not.toBe(c.key);
    expect(c.pgDimensions.length).toBeGreaterThan(0);
    expect(c.domains4d.length).toBeGreaterThan(0);
    for (const d of c.pgDimensions) expect(PG_DIMENSION_KEYS).toContain(d);
    for (const d of c.domains4d) expect(DOMAIN_4D_KEYS).toContain(d);
    expect(c.keywords.length).toBeGreaterThan(0);
    for (const k of c.keywords) expect(k).toBe(k.toLowerCase());
  });

  it('uses the Dutch labels of the design', () => {
    expect(getCategory('social_contact')?.label.nl).toBe('Ontmoeting');
    expect(getCategory('grief_loss')?.label.nl).toBe('Rouw & verlies');
    expect(getCategory('practical_help')?.label.nl).toBe('Praktische hulp thuis');
  });

  it('has labelled Positieve Gezondheid dimensions and 4D domains', () => {
    expect(pgDimensions.map((d) => d.key)).toEqual([...PG_DIMENSION_KEYS]);
    expect(domains4d.map((d) => d.key)).toEqual([...DOMAIN_4D_KEYS]);
    for (const d of [...pgDimensions, ...domains4d]) {
      expect(d.label.nl).toMatch(/\S/);
      expect(d.label.en).toMatch(/\S/);
    }
  });

  it('every PG dimension and 4D domain is reached by some category', () => {
    for (const d of PG_DIMENSION_KEYS) expect(categories.some((c) => c.pgDimensions.includes(d))).toBe(true);
    for (const d of DOMAIN_4D_KEYS) expect(categories.some((c) => c.domains4d.includes(d))).toBe(true);
  });

  it('resolves keys and labels in either language, ignoring case and accents', () => {
    expect(resolveCategory('exercise')).toBe('exercise');
    expect(resolveCategory('Bewegen & sport')).toBe('exercise');
    expect(resolveCategory('bewegen en sport')).toBeUndefined();
    expect(resolveCategory('  ontmoeting ')).toBe('social_contact');
    expect(resolveCategory('Peer support')).toBe('peer_support');
    expect(resolveCategory('nonsense')).toBeUndefined();
  });
});

describe('needs', () => {
  it('contains at least the needs the issue names', () => {
    for (const k of REQUIRED_NEEDS) expect(NEED_KEYS).toContain(k);
    expect(needs.map((n) => n.key)).toEqual([...NEED_KEYS]);
  });

  it.each(needs.map((n) => [n.key, n] as const))('%s has labels, categories and Dutch synonyms', (_key, n) => {
    expect(n.label.nl).toMatch(/\S/);
    expect(n.label.en).toMatch(/\S/);
    expect(n.categories.length).toBeGreaterThan(0);
    for (const c of n.categories) expect(CATEGORY_KEYS).toContain(c);
    expect(new Set(n.categories).size).toBe(n.categories.length);
    expect(n.synonyms.length).toBeGreaterThanOrEqual(3);
  });

  it('maps the synonyms a GP types to the need', () => {
    expect(resolveNeed('eenzaam')).toBe('eenzaamheid');
    expect(resolveNeed('alleen')).toBe('eenzaamheid');
    expect(resolveNeed('geen contact')).toBe('eenzaamheid');
    expect(resolveNeed('Eenzaamheid')).toBe('eenzaamheid');
    expect(resolveNeed('Loneliness')).toBe('eenzaamheid');
    expect(resolveNeed('schulden')).toBe('geldzorgen');
    expect(resolveNeed('piekeren')).toBe('angst');
    expect(resolveNeed('overspannen')).toBe('stress');
    expect(resolveNeed('fietsen')).toBeUndefined();
  });

  it('a synonym shared by two needs resolves to the first need that lists it, deterministically', () => {
    // "onzeker" is listed by angst and zelfvertrouwen.
    expect(resolveNeed('onzeker')).toBe('angst');
  });

  it('expands needs to the categories that help, without duplicates', () => {
    expect(categoriesForNeeds(['rouw'])).toEqual(['grief_loss', 'peer_support', 'meaning', 'buddy']);
    const both = categoriesForNeeds(['eenzaamheid', 'weinig_beweging']);
    expect(both[0]).toBe('social_contact');
    expect(both).toContain('exercise');
    expect(new Set(both).size).toBe(both.length);
    expect(categoriesForNeeds(['unknown'])).toEqual([]);
  });

  it('every category helps with at least one need', () => {
    for (const c of CATEGORY_KEYS) expect(needs.some((n) => n.categories.includes(c)), c).toBe(true);
  });
});

describe('audiences and text folding', () => {
  it('labels every audience and resolves synonyms', () => {
    expect(audiences.map((a) => a.key)).toEqual([...AUDIENCE_KEYS]);
    expect(resolveAudience('Senioren')).toBe('ouderen');
    expect(resolveAudience('statushouders')).toBe('nieuwkomers');
    expect(resolveAudience('astronauten')).toBeUndefined();
  });

  it('folds accents, case and punctuation', () => {
    expect(foldText('Taalcafé  Één!')).toBe('taalcafe een');
    expect(foldText('Categorieën')).toBe('categorieen');
  });
});
