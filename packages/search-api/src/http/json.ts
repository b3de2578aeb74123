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

/** JSON text with every non-ASCII character escaped: the same JSON value, all ASCII. */
export function asciiString(json: string): string {
  return json.replace(NON_ASCII, escape);
}

/** ASCII JSON text (asciiString) as its bytes. */
export const asciiBytes = (ascii: string): Uint8Array => Buffer.from(ascii, 'latin1');

/** `value` as JSON in ASCII bytes (the same JSON value as `JSON.stringify(value)`). */
export function asciiJsonBytes(value: unknown): Uint8Array {
  return asciiBytes(asciiString(JSON.stringify(value)));
}

/** A 200 JSON answer of ASCII JSON text (asciiString), like `c.json(value, 200)`. */
export function asciiJson(c: Context, ascii: string): Response {
  return c.body(asciiBytes(ascii) as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'application/json' });
}
