/**
 * Fetching a registered feed. Every request goes through the indexer's `httpGet`: the host
 * is resolved once, every address it resolves to must be public, the connection goes to the
 * address that was checked (no DNS-rebinding window between a check and a fetch), and each
 * redirect hop is checked again. A feed is someone else's data: it never reaches loopback
 * or a private network unless the portal runs with `allowPrivateFeeds` (demo and tests).
 *
 * An HSDS CSV package (HSDS "tabular": a datapackage.json naming its CSV tables) is fetched
 * table by table, each resource relative to the datapackage.json and on the same origin,
 * into a temp folder the indexer's own package reader then reads.
 */
import { lookup } from 'node:dns/promises';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CSV_PACKAGE_TABLES, DEFAULT_LIMITS, httpGet, InputError, type HttpOptions, type HttpResponse, type ResolveHost } from '@sociale-kaart/indexer';
import { addressFamily, addressRange } from '@sociale-kaart/schema/net';

/** A feed URL or feed that cannot be used; `nl` and `en` are shown to the organisation. */
export class FeedUrlError extends Error {
  override name = 'FeedUrlError';
  constructor(
    readonly nl: string,
    readonly en: string,
  ) {
    super(en);
  }
}

export interface FeedFetchPolicy {
  /** Loopback and private addresses allowed (demo and tests only). */
  allowPrivate: boolean;
  /** The resolver (default: the system's); tests inject one. */
  resolve?: ResolveHost;
  /** Bytes a feed may have, all tables of a package together (default: the indexer's input limit). */
  maxBytes?: number;
}

export function httpOptionsOf(policy: FeedFetchPolicy, headers: Record<string, string> = {}): HttpOptions {
  return {
    allowPrivateUrls: policy.allowPrivate,
    ...(policy.resolve ? { resolve: policy.resolve } : {}),
    headers: { 'user-agent': 'sociale-kaart-portal', ...headers },
  };
}

const systemResolve: ResolveHost = (hostname) => lookup(hostname, { all: true, verbatim: true });

/**
 * Checks a URL when it is registered, so the organisation sees at once what is wrong with
 * it: http(s) only, no credentials, and (unless allowed) a host on public addresses only.
 * This check is for the message; what protects is the pinned check of every fetch.
 */
export async function checkFeedUrl(raw: string, allowPrivate: boolean, resolve: ResolveHost = systemResolve): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FeedUrlError('dit is geen geldig webadres', 'not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FeedUrlError('alleen http- en https-adressen', 'only http and https URLs');
  if (url.username || url.password) throw new FeedUrlError('zet geen wachtwoord in het adres', 'no credentials in the URL');
  if (allowPrivate) return url;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  try {
    addresses = addressFamily(host) ? [host] : (await resolve(host)).map((a) => a.address);
  } catch {
    throw new FeedUrlError(`de server ${host} is niet te vinden`, `host ${host} cannot be resolved`);
  }
  if (addresses.length === 0) throw new FeedUrlError(`de server ${host} is niet te vinden`, `host ${host} cannot be resolved`);
  for (const a of addresses) {
    const range = addressRange(a);
    if (range !== 'unicast') throw new FeedUrlError('dit adres is niet openbaar bereikbaar', `the URL points to a ${range} address`);
  }
  return url;
}

/** The message of a fetch that failed, in the organisation's two languages. */
export function feedErrorText(err: unknown): string {
  if (err instanceof FeedUrlError || err instanceof InputError) return `${err.nl} (${err.en})`;
  return err instanceof Error ? err.message : String(err);
}

/** Reads a body, refusing it (with the URL named) once it passes `budget.left` bytes. */
async function readLimited(res: HttpResponse, budget: { left: number }): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of res.body) {
    budget.left -= chunk.length;
    if (budget.left < 0) {
      throw new FeedUrlError(`${res.url} is te groot om als feed te lezen`, `${res.url} is too large to read as a feed`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export type FetchedFeed =
  | { status: 'not_modified' }
  | { status: 'ok'; bytes: Uint8Array; url: string; contentType: string; etag: string | null; lastModified: string | null };

/** One GET of a feed file, conditional on the validators of the last pull. */
export async function fetchFeed(url: string, validators: { etag: string | null; lastModified: string | null }, policy: FeedFetchPolicy): Promise<FetchedFeed> {
  const headers: Record<string, string> = {};
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  const res = await httpGet(url, httpOptionsOf(policy, headers));
  if (res.status === 304) return { status: 'not_modified' };
  const bytes = await readLimited(res, { left: policy.maxBytes ?? DEFAULT_LIMITS.maxInputBytes });
  const header = (name: string) => {
    const v = res.headers[name];
    return typeof v === 'string' ? v : null;
  };
  return { status: 'ok', bytes, url: res.url, contentType: res.contentType, etag: header('etag'), lastModified: header('last-modified') };
}

/** True when a JSON body is a data package descriptor (it lists resources). */
export function isDataPackage(bytes: Uint8Array): boolean {
  try {
    const meta = JSON.parse(Buffer.from(bytes).toString('utf8').replace(/^\uFEFF/, '')) as { resources?: unknown };
    return !!meta && typeof meta === 'object' && Array.isArray(meta.resources);
  } catch {
    return false;
  }
}

/** The resources of a datapackage.json that the reader uses, each as an absolute same-origin URL. */
export function packageResources(descriptor: Uint8Array, base: string): Map<string, string> {
  let meta: { resources?: unknown };
  try {
    meta = JSON.parse(Buffer.from(descriptor).toString('utf8').replace(/^\uFEFF/, '')) as { resources?: unknown };
  } catch {
    throw new FeedUrlError(`${base} is geen geldige JSON`, `${base} is not valid JSON`);
  }
  if (!meta || typeof meta !== 'object' || !Array.isArray(meta.resources)) {
    throw new FeedUrlError(`${base} is geen datapackage.json: de lijst "resources" ontbreekt`, `${base} is not a datapackage.json: it has no "resources" list`);
  }
  const origin = new URL(base).origin;
  const tables = new Map<string, string>();
  meta.resources.forEach((r: unknown, i: number) => {
    const { name, path } = (r ?? {}) as { name?: unknown; path?: unknown };
    const table = typeof name === 'string' ? name.replace(/\.csv$/, '') : '';
    // Only the tables the indexer's package reader joins are fetched.
    if (!CSV_PACKAGE_TABLES.includes(table)) return;
    if (typeof path !== 'string' || path === '') {
      throw new FeedUrlError(`datapackage.json, resource ${i + 1} (${table}): "path" ontbreekt`, `datapackage.json, resource ${i + 1} (${table}): "path" is missing`);
    }
    let url: URL;
    try {
      url = new URL(path, base);
    } catch {
      throw new FeedUrlError(`datapackage.json, resource ${table}: ${JSON.stringify(path)} is geen geldig pad`, `datapackage.json, resource ${table}: ${JSON.stringify(path)} is not a valid path`);
    }
    // The package is one publisher's data: a descriptor may not send the portal to other hosts.
    if (url.origin !== origin) {
      throw new FeedUrlError(
        `datapackage.json, resource ${table}: ${JSON.stringify(path)} staat op een andere server dan het pakket`,
        `datapackage.json, resource ${table}: ${JSON.stringify(path)} is not on the package's own origin ${origin}`,
      );
    }
    tables.set(table, url.href);
  });
  if (!tables.has('services')) {
    throw new FeedUrlError(`${base}: het pakket noemt geen services-tabel`, `${base}: the package names no services resource`);
  }
  return tables;
}

export interface FetchedPackage {
  /** A folder with datapackage.json and one `<table>.csv` per resource; remove it with `dispose`. */
  dir: string;
  dispose(): Promise<void>;
}

/** Fetches a package's tables (given its descriptor, already fetched) into a temp folder. */
export async function fetchPackage(descriptor: Uint8Array, base: string, policy: FeedFetchPolicy): Promise<FetchedPackage> {
  const tables = packageResources(descriptor, base);
  const budget = { left: (policy.maxBytes ?? DEFAULT_LIMITS.maxInputBytes) - descriptor.length };
  const dir = await mkdtemp(join(tmpdir(), 'sk-feed-package-'));
  const dispose = () => rm(dir, { recursive: true, force: true });
  try {
    const resources: Array<{ name: string; path: string }> = [];
    for (const [table, url] of tables) {
      const res = await httpGet(url, httpOptionsOf(policy));
      // File names come from the fixed table list, never from the feed.
      await writeFile(join(dir, `${table}.csv`), await readLimited(res, budget));
      resources.push({ name: table, path: `${table}.csv` });
    }
    await writeFile(join(dir, 'datapackage.json'), JSON.stringify({ resources }));
    return { dir, dispose };
  } catch (err) {
    await dispose();
    throw err;
  }
}
