/**
 * JSON answers as ASCII bytes: every character outside ASCII written as its `\uXXXX` escape,
 * which every JSON parser reads back as the same string (RFC 8259, section 7).
 *
 * Why: search answers hold highlight markers (U+E000, U+E001) and Dutch text, so
 * `JSON.stringify` gives a two-byte string, and turning that into UTF-8 costs the API
 * about as much as building the answer. Escaped, the text is pure ASCII: its bytes are its
 * Latin-1 bytes, copied as they are, and the escaping itself is one cheap pass over the few
 * characters it changes. Measured: 42 kB answer, 255 → 180 µs (bench/README.md).
 */
import type { Context } from 'hono';

const NON_ASCII = /[\u007f-\uffff]/g;
const escape = (ch: string) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `value` as JSON in ASCII bytes (the same JSON value as `JSON.stringify(value)`). */
export function asciiJsonBytes(value: unknown): Uint8Array {
  return Buffer.from(JSON.stringify(value).replace(NON_ASCII, escape), 'latin1');
}

/** A 200 JSON answer like `c.json(value, 200)`, written as ASCII bytes. */
export function asciiJson(c: Context, value: unknown): Response {
  return c.body(asciiJsonBytes(value) as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'application/json' });
}
