/**
 * CORS for /v1 and /hsds, with the headers set before the handler runs.
 *
 * Why not `hono/cors`: it writes its headers on `c.res` before the handler (and `Vary` with
 * `c.header` after it). Either way Hono then rebuilds the handler's response around its body
 * stream, and the Node adapter streams it out instead of writing the JSON string it already
 * has; on /v1/search that was about a tenth of the API's CPU per request (a CPU profile of
 * `pnpm bench --only search --profile`: undici's Response and web streams). Here every header goes through `c.header()` while the response does
 * not exist yet, so `c.json()` builds it with them once. A handler that returns its own
 * `Response` gets them copied on afterwards (cheap: the headers, never the body).
 *
 * Behaviour is the standard one (Fetch standard, CORS protocol): an allowed `Origin` is
 * echoed (or `*` when every origin is allowed), `Vary: Origin` when the answer depends on it,
 * exposed headers on actual requests, and a preflight (`OPTIONS`) answers 204 with the
 * allowed methods, request headers and max age.
 */
import type { Context, MiddlewareHandler } from 'hono';

export interface CorsOptions {
  /** Allowed origins; `['*']` allows every origin. */
  origins: readonly string[] | '*';
  allowMethods: readonly string[];
  /** Request headers a preflight may ask for; none: echo what it asks (as hono/cors does). */
  allowHeaders?: readonly string[];
  exposeHeaders?: readonly string[];
  maxAgeSeconds?: number;
}

export function cors(options: CorsOptions): MiddlewareHandler {
  const any = options.origins === '*' || options.origins.includes('*');
  const allowed = new Set(any ? [] : options.origins);
  const methods = options.allowMethods.join(',');
  const expose = options.exposeHeaders?.join(',') ?? '';
  const allowHeaders = options.allowHeaders?.join(',') ?? '';
  const allowOrigin = (origin: string | undefined): string | null => (any ? '*' : origin && allowed.has(origin) ? origin : null);

  return async (c, next) => {
    const origin = allowOrigin(c.req.header('origin'));
    if (c.req.method === 'OPTIONS') {
      const headers: Record<string, string> = {};
      if (origin) headers['Access-Control-Allow-Origin'] = origin;
      if (!any) headers.Vary = 'Origin';
      if (options.maxAgeSeconds !== undefined) headers['Access-Control-Max-Age'] = String(options.maxAgeSeconds);
      if (methods) headers['Access-Control-Allow-Methods'] = methods;
      const requested = allowHeaders || (c.req.header('access-control-request-headers') ?? '').split(',').map((h) => h.trim()).filter(Boolean).join(',');
      if (requested) {
        headers['Access-Control-Allow-Headers'] = requested;
        headers.Vary = headers.Vary ? `${headers.Vary}, Access-Control-Request-Headers` : 'Access-Control-Request-Headers';
      }
      return c.body(null, 204, headers);
    }
    const set: Array<[string, string]> = [];
    if (origin) set.push(['Access-Control-Allow-Origin', origin]);
    if (origin && expose) set.push(['Access-Control-Expose-Headers', expose]);
    if (!any) set.push(['Vary', 'Origin']);
    for (const [k, v] of set) c.header(k, v);
    await next();
    copyMissing(c, set);
  };
}

/** For a handler that returned its own Response (the prepared headers do not reach it). */
function copyMissing(c: Context, headers: ReadonlyArray<[string, string]>): void {
  const res = c.res.headers;
  for (const [k, v] of headers) {
    if (k === 'Vary') addVary(res, v);
    else if (!res.has(k)) res.set(k, v);
  }
}

/** Adds `token` to the `Vary` header unless it is there already. */
export function addVary(headers: Headers, token: string): void {
  const vary = headers.get('vary');
  if (!vary) headers.set('Vary', token);
  else if (!vary.split(',').some((x) => x.trim().toLowerCase() === token.toLowerCase())) headers.set('Vary', `${vary}, ${token}`);
}
