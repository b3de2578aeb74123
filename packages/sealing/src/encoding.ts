/**
 * Bytes on the wire: base64url without padding, UTF-8, and the canonical JSON of a
 * referral's public part, so the GP's browser and the coach's browser feed HPKE the same
 * associated data for the same public part.
 */
import type { InputIssue } from './errors.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]));

export function toBase64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += ALPHABET[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

/** Strict: only the base64url alphabet, no padding, and no stray bits in the last character. */
export function fromBase64url(text: string): Uint8Array {
  if (text.length % 4 === 1) throw new TypeError('not base64url: impossible length');
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (const c of text) {
    const v = VALUE.get(c);
    if (v === undefined) throw new TypeError('not base64url: unexpected character');
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  // Non-zero leftover bits mean two strings could decode to the same bytes: refuse them.
  if ((acc & ((1 << bits) - 1)) !== 0) throw new TypeError('not base64url: non-canonical last character');
  return out;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });
export const utf8 = (text: string): Uint8Array<ArrayBuffer> => encoder.encode(text) as Uint8Array<ArrayBuffer>;
export const fromUtf8 = (bytes: Uint8Array | ArrayBuffer): string => decoder.decode(bytes);

/** A referral's public part: plain JSON (objects, arrays, strings, finite numbers, booleans, null). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue | undefined };
export type ReferralPublicPart = { [key: string]: JsonValue | undefined };

export class CanonicalJsonError extends Error {
  constructor(readonly issue: InputIssue) {
    super(`${issue.path}: ${issue.message}`);
  }
}

/**
 * JSON with object keys sorted (by UTF-16 code units) at every level and no whitespace:
 * RFC 8785 (JCS) for the values a referral has. Properties that are `undefined` are left
 * out, as `JSON.stringify` does, so what was sent and what arrives serialise alike.
 */
export function canonicalJson(value: unknown, path = ''): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new CanonicalJsonError({ path, message: 'not a finite number' });
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item, i) => canonicalJson(item === undefined ? null : item, join(path, String(i)))).join(',')}]`;
  }
  if (typeof value === 'object' && isPlainObject(value)) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v, join(path, k))}`).join(',')}}`;
  }
  throw new CanonicalJsonError({ path, message: `a ${typeof value === 'object' ? 'non-plain object' : typeof value} is not JSON` });
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
