// safeHighlight (src/hits.ts): Meilisearch's highlighted text is used only when it is exactly
// the original with markers added; anything else gives the original back, without markers.
import { describe, expect, it } from 'vitest';
import { safeHighlight } from '../src/hits.js';

const S = '\uE000';
const E = '\uE001';

describe('safeHighlight', () => {
  it('keeps highlighted text that is the original with markers', () => {
    expect(safeHighlight('Koffieochtend Best', `${S}Koffie${E}ochtend Best`)).toBe(`${S}Koffie${E}ochtend Best`);
    expect(safeHighlight('Caf\u00e9 \u{1F3B5}', `${S}Caf\u00e9${E} \u{1F3B5}`)).toBe(`${S}Caf\u00e9${E} \u{1F3B5}`);
    expect(safeHighlight('', '')).toBe('');
    expect(safeHighlight('ab', `${S}${E}ab${S}${E}`)).toBe(`${S}${E}ab${S}${E}`);
  });

  it('gives the original back for changed, cropped, lengthened or missing text', () => {
    expect(safeHighlight('Koffieochtend Best', `${S}Koffie${E}ochtend Bast`)).toBe('Koffieochtend Best');
    expect(safeHighlight('Koffieochtend Best', `${S}Koffie${E}ochtend`)).toBe('Koffieochtend Best');
    expect(safeHighlight('Koffie', `${S}Koffie${E}ochtend`)).toBe('Koffie');
    expect(safeHighlight('Koffie', `${S}Koffie${E}\u2026`)).toBe('Koffie');
    expect(safeHighlight('Koffie', undefined)).toBe('Koffie');
    expect(safeHighlight('Koffie', 42)).toBe('Koffie');
  });

  it('never shows markers an original brought itself', () => {
    expect(safeHighlight(`Ko${S}ffie${E}`, `Ko${S}ffie${E}`)).toBe('Koffie');
    expect(safeHighlight(`Ko${E}ffie`, undefined)).toBe('Koffie');
  });
});
