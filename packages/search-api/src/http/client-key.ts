/**
 * Who a request comes from, for rate limits: the socket's remote address, or behind
 * `trustedProxyHops` reverse proxies, the address the outermost trusted proxy saw.
 *
 * Each proxy appends the address it was connected from to `X-Forwarded-For`, so only the
 * right-most N entries were written by proxies we run; everything left of them was written
 * by the client and can be anything (rotating it must not buy a fresh bucket).
 */
import type { Context } from 'hono';

export type ClientKey = (c: Context) => string;

/** The TCP peer of a request served by @hono/node-server; undefined under `app.request()`. */
export function socketAddress(c: Context): string | undefined {
  return (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
}

/** The N-th address from the right of an X-Forwarded-For value (N ≥ 1); the left-most when there are fewer. */
export function forwardedClient(header: string | undefined, hops: number): string | undefined {
  if (!header || hops < 1) return undefined;
  const entries = header
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) return undefined;
  return entries[Math.max(0, entries.length - hops)];
}

export function clientKeyFunction(trustedProxyHops: number): ClientKey {
  return (c) => (trustedProxyHops > 0 ? forwardedClient(c.req.header('x-forwarded-for'), trustedProxyHops) : undefined) ?? socketAddress(c) ?? 'unknown';
}
