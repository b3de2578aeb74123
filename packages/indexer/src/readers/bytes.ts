/**
 * Bytes of an input: a local file or an http(s) URL, streamed, and never more than the
 * input's byte budget: reading stops at the limit with an error that names the input.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { InputError } from './errors.js';
import { httpGet, type HttpOptions } from './http.js';

export type { HttpOptions } from './http.js';

export function isUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

export interface ReadLimits {
  /** Bytes one input may have: a file, a URL body, all pages of an API, all tables of a CSV package. */
  maxInputBytes: number;
  /** Bytes one record may have: an ndjson line, a CSV row. */
  maxRecordBytes: number;
}

export const DEFAULT_LIMITS: ReadLimits = { maxInputBytes: 512 * 2 ** 20, maxRecordBytes: 2 ** 20 };

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 2 ** 20, mb: 2 ** 20, mib: 2 ** 20, g: 2 ** 30, gb: 2 ** 30, gib: 2 ** 30 };

/** "512MB", "64k", "1GiB", "1000" (bytes) → bytes; null when it is not a size. Units are binary. */
export function parseByteSize(value: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || unit === undefined) return null;
  const bytes = Math.floor(Number(m[1]) * unit);
  return bytes >= 1 && Number.isSafeInteger(bytes) ? bytes : null;
}

export function formatBytes(n: number): string {
  if (n >= 2 ** 30 && n % 2 ** 30 === 0) return `${n / 2 ** 30} GiB`;
  if (n >= 2 ** 20 && n % 2 ** 20 === 0) return `${n / 2 ** 20} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

/** The bytes one input may still read; shared by the files or pages that make up the input. */
export class ByteBudget {
  private used = 0;
  constructor(
    readonly input: string,
    readonly limit: number,
  ) {}

  take(bytes: number): void {
    this.used += bytes;
    if (this.used > this.limit) throw this.exceeded();
  }

  exceeded(): InputError {
    const shown = formatBytes(this.limit);
    return new InputError(
      `${this.input} is groter dan ${shown} (--max-input-bytes): gestopt met lezen bij ${shown}`,
      `${this.input} is larger than ${shown} (--max-input-bytes): stopped reading at ${shown}`,
    );
  }
}

/** Passes the bytes on until the budget is spent, then throws. */
export async function* withinBudget(source: AsyncIterable<Buffer | Uint8Array>, budget: ByteBudget): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    budget.take(chunk.length);
    yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
  }
}

/** A local file's bytes; a file already larger than the budget is refused before it is read. */
export async function openFile(path: string, budget: ByteBudget): Promise<AsyncIterable<Buffer>> {
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new InputError(`${path} is geen bestand`, `${path} is not a file`);
    size = s.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${path} bestaat niet of is niet leesbaar`, `${path} does not exist or cannot be read`, { cause: err });
  }
  if (size > budget.limit) throw budget.exceeded();
  return withinBudget(createReadStream(path, { highWaterMark: 256 * 1024 }), budget);
}

/** Streams the bytes of a file or URL. */
export async function openBytes(input: string, budget: ByteBudget, http: HttpOptions = {}): Promise<AsyncIterable<Buffer>> {
  if (isUrl(input)) return withinBudget((await httpGet(input, http)).body, budget);
  return openFile(input, budget);
}

/** Reads up to `size` bytes from the start of a stream and hands back the rest as a stream too. */
export async function peek(source: AsyncIterable<Buffer>, size: number): Promise<{ head: Buffer; rest: AsyncIterable<Buffer>; complete: boolean }> {
  const iterator = source[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let length = 0;
  let done = false;
  while (length < size) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const buf = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    chunks.push(buf);
    length += buf.length;
  }
  const head = Buffer.concat(chunks);
  const rest: AsyncIterable<Buffer> = {
    async *[Symbol.asyncIterator]() {
      yield head;
      if (done) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
      }
    },
  };
  return { head, rest, complete: done };
}

/** Reads a whole stream into one buffer. */
export async function readAll(source: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of source) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
  return Buffer.concat(chunks);
}
