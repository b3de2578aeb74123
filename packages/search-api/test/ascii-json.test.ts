// JSON answers as ASCII bytes (src/http/json.ts): the same JSON value, every byte below 0x80.
import { describe, expect, it } from 'vitest';
import { asciiJsonBytes } from '../src/http/json.js';

const decode = (bytes: Uint8Array) => JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));

describe('asciiJsonBytes', () => {
  it('writes markers, accents, dashes, emoji and control characters as escapes that parse back to the same value', () => {
    const value = {
      title: 'Filosofisch caf\u00e9 \uE000koor\uE001 \u2013 \u201cEen\u201d\u2026',
      emoji: 'Samen \u{1F3B5} zingen',
      lone: 'half \ud83d pair',
      del: 'a\u007fb',
      plain: 'ascii only "quoted" \\ back',
      nested: [{ n: 1.5, ok: true, none: null }],
    };
    const bytes = asciiJsonBytes(value);
    expect(bytes.every((b) => b < 0x80)).toBe(true);
    expect(decode(bytes)).toEqual(value);
    expect(new TextDecoder().decode(bytes)).toContain('caf\\u00e9 \\ue000koor\\ue001');
  });

  it('gives plain ASCII JSON byte for byte as JSON.stringify does', () => {
    const value = { q: 'wandelen', page: 1, hits: [] };
    expect(new TextDecoder().decode(asciiJsonBytes(value))).toBe(JSON.stringify(value));
  });
});
