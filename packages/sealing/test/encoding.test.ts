import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { canonicalJson, fromBase64url, toBase64url } from '../src/encoding.js';

describe('base64url', () => {
  test('agrees with Node for any bytes, both ways', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = toBase64url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        expect(fromBase64url(text)).toEqual(bytes);
      }),
    );
  });

  test('refuses padding, the standard alphabet, impossible lengths and stray bits', () => {
    expect(() => fromBase64url('AQ==')).toThrow(/unexpected character/);
    expect(() => fromBase64url('a+b/')).toThrow(/unexpected character/);
    expect(() => fromBase64url('AAAAA')).toThrow(/impossible length/);
    // "AQ" is [0x01]; "AR" would decode to the same byte with a stray bit set.
    expect(fromBase64url('AQ')).toEqual(new Uint8Array([1]));
    expect(() => fromBase64url('AR')).toThrow(/non-canonical/);
  });
});

describe('canonicalJson', () => {
  test('sorts keys at every level, leaves out undefined, keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: 'x' }, u: undefined })).toBe('{"a":{"c":"x","d":[3,1]},"b":1}');
    expect(canonicalJson({ é: 1, z: 2, Z: 3 })).toBe('{"Z":3,"z":2,"é":1}');
  });

  test('the same value in any key order gives the same text, and parses back to the value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const shuffled = JSON.parse(JSON.stringify(value, (_k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v)));
        expect(canonicalJson(shuffled)).toBe(canonicalJson(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  test('refuses what JSON cannot carry, naming where', () => {
    expect(() => canonicalJson({ a: [1, Infinity] })).toThrow('a.1: not a finite number');
    expect(() => canonicalJson({ a: { b: () => 1 } })).toThrow('a.b: a function is not JSON');
    expect(() => canonicalJson({ m: new Map() })).toThrow('m: a non-plain object is not JSON');
    expect(() => canonicalJson({ n: 1n })).toThrow('n: a bigint is not JSON');
  });
});
