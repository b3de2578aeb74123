import { describe, expect, it } from 'vitest';
import { needs, understandQuery, stemWord } from '../src/index.js';

describe('understandQuery', () => {
  it.each([
    ['schulden', ['geldzorgen']],
    ['geldzorgen', ['geldzorgen']],
    ['rekeningen niet kunnen betalen', ['geldzorgen']],
    ['partner overleden', ['rouw']],
    ['slecht slapen', ['slaapproblemen']],
    ['weinig contacten', ['eenzaamheid']],
    ['somber', ['somberheid']],
    ['stress', ['stress']],
    ['eenzame oudere', ['eenzaamheid']],
    ['Eenzaamheid', ['eenzaamheid']],
    ['piekeren en slecht slapen', ['angst', 'slaapproblemen']],
  ])('"%s" names the needs %j', (q, expected) => {
    expect(understandQuery(q).needs).toEqual(expected);
  });

  it('names a category by its label, and keeps the other words as the rest', () => {
    const u = understandQuery('wandelen in het park');
    expect(u.categories).toEqual(['walking_nature']);
    expect(u.needs).toEqual([]);
    expect(u.rest).toBe('park');
  });

  it('leaves plain text that names nothing alone', () => {
    expect(understandQuery('Repair Café Lombok')).toEqual({ needs: [], categories: [], rest: 'repair cafe lombok', matches: [] });
    expect(understandQuery('')).toEqual({ needs: [], categories: [], rest: '', matches: [] });
  });

  it('does not match a word inside a longer one', () => {
    // "post" is a synonym of geldzorgen; "postcode" is not.
    expect(understandQuery('postcode').needs).toEqual([]);
    expect(understandQuery('taalcafé').needs).toEqual([]);
  });

  it('lets each word serve one term, the longest first', () => {
    const u = understandQuery('geen contact');
    expect(u.needs).toEqual(['eenzaamheid']);
    expect(u.rest).toBe('');
  });

  it('names the taxonomy term behind each match, as the taxonomy spells it', () => {
    expect(understandQuery('weinig contacten').matches).toEqual([{ kind: 'need', key: 'eenzaamheid', term: 'weinig contact' }]);
    expect(understandQuery('wandelen tegen stress').matches).toEqual([
      { kind: 'category', key: 'walking_nature', term: 'wandelen' },
      { kind: 'need', key: 'stress', term: 'stress' },
    ]);
    // One entry per need, however many of its terms the text has.
    expect(understandQuery('schulden en rekeningen').matches).toEqual([{ kind: 'need', key: 'geldzorgen', term: 'schulden' }]);
  });

  it('understands every need by its own Dutch label', () => {
    for (const n of needs) expect(understandQuery(n.label.nl).needs[0], n.label.nl).toBe(n.key);
  });
});

describe('stemWord', () => {
  it('strips one suffix and undoubles vowels, so inflections meet', () => {
    expect(stemWord('contacten')).toBe(stemWord('contact'));
    expect(stemWord('eenzame')).toBe(stemWord('eenzaam'));
    expect(stemWord('slapen')).toBe(stemWord('slaap'));
    expect(stemWord('post')).toBe('post');
  });
});
