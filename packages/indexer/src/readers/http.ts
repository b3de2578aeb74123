/**
 * GET for feed URLs, with the checks a fetch of someone else's URL needs: only http(s); no
 * loopback, private, link-local, CGNAT or unique-local address (the name is resolved and
 * the connection goes to the address that was checked, so a second DNS answer cannot point
 * elsewhere); redirects followed by hand, each hop checked again.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { addressRange, isPublicAddress } from '@sociale-kaart/schema/net';
import { InputError } from './errors.js';

export interface HttpOptions {
  /** Timeout of one request in ms, body included (default 30 000). */
  timeoutMs?: number;
  /** Retries after a network error, 429 or 5xx (default 2). */
  retries?: number;
  /** Redirects followed at most (default 5). */
  maxRedirects?: number;
  /** Allow loopback and private addresses (`--allow-private-urls`: development and tests only). */
  allowPrivateUrls?: boolean;
  /** Which resolved addresses may be connected to; overrides `allowPrivateUrls` (for tests). */
  isAllowedAddress?: (address: string) => boolean;
  /** Resolves a host name to all its addresses (default: the system resolver); tests inject one. */
  resolve?: ResolveHost;
  /**
   * Extra request headers, e.g. `if-none-match` / `if-modified-since` of a feed pulled
   * before: a request with either of them may be answered 304, which is then returned.
   */
  headers?: Record<string, string>;
}

export interface ResolvedAddress {
  address: string;
  family: number;
}

export type ResolveHost = (hostname: string) => Promise<ResolvedAddress[]>;

const systemResolve: ResolveHost = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export interface HttpResponse {
  /** The URL that answered, after redirects. */
  url: string;
  status: number;
  contentType: string;
  /** The answer's headers (etag, last-modified, …). */
  headers: IncomingHttpHeaders;
  /** Empty for a 304. */
  body: AsyncIterable<Buffer>;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export { isPublicAddress };

/** A URL that may not be fetched: the input is unreadable at once, without retries. */
class RefusedUrl extends InputError {}

function refuseAddress(url: URL, address: string): RefusedUrl {
  const range = addressRange(address);
  return new RefusedUrl(
    `${url.href} geweigerd: ${url.hostname} is ${address} (${range}), geen openbaar adres (alleen voor ontwikkeling: --allow-private-urls)`,
    `${url.href} refused: ${url.hostname} is ${address} (${range}), not a public address (for development only: --allow-private-urls)`,
  );
}

interface Policy {
  allowed: (address: string) => boolean;
  resolve: ResolveHost;
  headers: Record<string, string>;
  timeoutMs: number;
}

/**
 * The connection's own lookup: resolves once, refuses the host when any address fails the
 * policy (a name that also resolves to an internal address is refused), and hands the
 * socket the addresses it checked, so no second DNS answer is ever connected to.
 */
function checkedLookup(url: URL, policy: Policy, onRefused: (err: RefusedUrl) => void): LookupFunction {
  return (hostname, options, callback) => {
    policy.resolve(hostname).then(
      (all) => {
        const addresses = options.family === 4 || options.family === 6 ? all.filter((a) => a.family === options.family) : all;
        const bad = addresses.find((a) => !policy.allowed(a.address));
        if (bad || addresses.length === 0) {
          const refused = refuseAddress(url, bad?.address ?? 'none');
          onRefused(refused);
          return callback(refused, '', 0);
        }
        if (options.all) return (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, addresses);
        callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  };
}

function requestOnce(url: URL, policy: Policy): Promise<IncomingMessage> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.reject(new RefusedUrl(`${url.href} geweigerd: alleen http(s)`, `${url.href} refused: only http(s) URLs are read`));
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // Node skips the lookup for an address literal: check it here.
  if (isIP(host) && !policy.allowed(host)) return Promise.reject(refuseAddress(url, host));
  return new Promise((resolve, reject) => {
    let refused: RefusedUrl | null = null;
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
      method: 'GET',
      headers: { accept: 'application/json, application/x-ndjson, text/csv;q=0.9, */*;q=0.5', 'user-agent': 'sociale-kaart-indexer', ...policy.headers },
      lookup: checkedLookup(url, policy, (r) => (refused = r)),
      signal: AbortSignal.timeout(policy.timeoutMs),
    });
    req.once('response', resolve);
    req.once('error', (err) => reject(refused ?? err));
    req.end();
  });
}

function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: string }).code;
  return `${err.message}${code && !err.message.includes(code) ? ` (${code})` : ''}`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One GET through at most `maxRedirects` checked hops; a refusal is not retried. */
async function getFollowing(start: string, policy: Policy, maxRedirects: number): Promise<{ res: IncomingMessage; url: URL }> {
  let url = new URL(start);
  for (let hop = 0; ; hop++) {
    const res = await requestOnce(url, policy);
    const location = res.headers.location;
    if (!REDIRECTS.has(res.statusCode ?? 0) || !location) return { res, url };
    res.resume();
    if (hop >= maxRedirects) {
      throw new RefusedUrl(`${start}: meer dan ${maxRedirects} doorverwijzingen`, `${start}: more than ${maxRedirects} redirects`);
    }
    url = new URL(location, url);
  }
}

/** GET with a timeout and a few retries; throws InputError when it does not succeed. */
export async function httpGet(input: string, options: HttpOptions = {}): Promise<HttpResponse> {
  const { timeoutMs = 30_000, retries = 2, maxRedirects = 5 } = options;
  const policy: Policy = {
    allowed: options.isAllowedAddress ?? (options.allowPrivateUrls ? () => true : isPublicAddress),
    resolve: options.resolve ?? systemResolve,
    headers: options.headers ?? {},
    timeoutMs,
  };
  const conditional = Object.keys(policy.headers).some((h) => /^if-(none-match|modified-since)$/i.test(h));
  let lastError = '';
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await sleep(250 * 2 ** attempt);
    try {
      const { res, url } = await getFollowing(input, policy, maxRedirects);
      const status = res.statusCode ?? 0;
      const answer = { url: url.href, status, contentType: String(res.headers['content-type'] ?? ''), headers: res.headers };
      if (status >= 200 && status < 300) return { ...answer, body: res };
      if (status === 304 && conditional) {
        res.resume();
        return { ...answer, body: (async function* () {})() };
      }
      lastError = `HTTP ${status} ${res.statusMessage ?? ''}`.trim();
      res.resume();
      if (status !== 429 && status < 500) break;
    } catch (err) {
      if (err instanceof RefusedUrl) throw err;
      lastError = errorText(err);
    }
  }
  throw new InputError(`${input} kon niet worden opgehaald (${lastError})`, `could not fetch ${input} (${lastError})`);
}
