/** Bytes of an input: a local file or an http(s) URL, streamed. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { InputError } from './errors.js';

export function isUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

export interface HttpOptions {
  /** Timeout of one request in ms (default 30 000). */
  timeoutMs?: number;
  /** Retries after a network error, 429 or 5xx (default 2). */
  retries?: number;
  fetch?: typeof fetch;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** GET with a timeout and a few retries; throws InputError when it does not succeed. */
export async function httpGet(url: string, { timeoutMs = 30_000, retries = 2, fetch: fetchImpl = fetch }: HttpOptions = {}): Promise<Response> {
  let lastError = '';
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await sleep(250 * 2 ** attempt);
    try {
      const res = await fetchImpl(url, {
        headers: { accept: 'application/json, application/x-ndjson, text/csv;q=0.9, */*;q=0.5', 'user-agent': 'sociale-kaart-indexer' },
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'follow',
      });
      if (res.ok) return res;
      lastError = `HTTP ${res.status} ${res.statusText}`.trim();
      await res.body?.cancel().catch(() => {});
      if (res.status !== 429 && res.status < 500) break;
    } catch (err) {
      lastError = err instanceof Error ? (err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message) : String(err);
    }
  }
  throw new InputError(`${url} kon niet worden opgehaald (${lastError})`, `could not fetch ${url} (${lastError})`);
}

/** Streams the bytes of a file or URL. */
export async function openBytes(input: string, http: HttpOptions = {}): Promise<AsyncIterable<Buffer>> {
  if (isUrl(input)) {
    const res = await httpGet(input, http);
    if (!res.body) return (async function* () {})();
    return Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>) as AsyncIterable<Buffer>;
  }
  try {
    const s = await stat(input);
    if (!s.isFile()) throw new InputError(`${input} is geen bestand`, `${input} is not a file`);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${input} bestaat niet of is niet leesbaar`, `${input} does not exist or cannot be read`, { cause: err });
  }
  return createReadStream(input, { highWaterMark: 256 * 1024 });
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
