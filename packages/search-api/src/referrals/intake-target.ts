/**
 * Where the relay may POST patient data: https on a public unicast address, nothing else.
 *
 * The host is resolved once, every address it resolves to must be public (ipaddr.js ranges:
 * no loopback, private, link-local, CGNAT, unique-local, multicast, reserved, …), and the
 * connection goes to the address that was checked (a `lookup` that returns it), so a second
 * DNS answer cannot move the request elsewhere (rebinding). TLS SNI and the Host header keep
 * the URL's host name. Redirects are never followed: node:http does not follow them.
 *
 * `allowPrivate` (SK_REFERRAL_ALLOW_PRIVATE_INTAKE=1) lets a demo or a test deliver over
 * http to loopback and private addresses; the server warns at start when it is on.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { addressRange, isPublicAddress } from '@sociale-kaart/schema/net';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to all its addresses (default: the system resolver, like a connect would). */
export type ResolveHost = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolve: ResolveHost = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

export { isPublicAddress };

export interface CheckedTarget {
  url: URL;
  address: ResolvedAddress;
}

export type TargetCheck = { ok: true; target: CheckedTarget } | { ok: false; reason: string };

export interface TargetPolicy {
  allowPrivate: boolean;
  resolve?: ResolveHost;
}

/** Decides whether `intakeUrl` may receive a referral, and pins the address to connect to. */
export async function checkIntakeTarget(intakeUrl: string, { allowPrivate, resolve = systemResolve }: TargetPolicy): Promise<TargetCheck> {
  let url: URL;
  try {
    url = new URL(intakeUrl);
  } catch {
    return { ok: false, reason: 'invalid URL' };
  }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) return { ok: false, reason: `scheme ${url.protocol} not allowed` };
  if (url.username || url.password) return { ok: false, reason: 'credentials in URL' };
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: ResolvedAddress[];
  if (ipaddr.isValid(host)) {
    addresses = [{ address: host, family: ipaddr.parse(host).kind() === 'ipv6' ? 6 : 4 }];
  } else {
    try {
      addresses = await resolve(host);
    } catch (error) {
      return { ok: false, reason: `host did not resolve (${(error as { code?: string }).code ?? 'error'})` };
    }
  }
  if (addresses.length === 0) return { ok: false, reason: 'host did not resolve' };
  if (!allowPrivate) {
    const refused = addresses.find((a) => !isPublicAddress(a.address));
    if (refused) return { ok: false, reason: `address in range ${addressRange(refused.address)} not allowed` };
  }
  return { ok: true, target: { url, address: addresses[0]! } };
}

export interface PostResult {
  status: number;
  retryAfter: string | undefined;
}

/** One POST to a checked target, connecting to its pinned address; the answer's body is discarded. */
export function postToTarget(target: CheckedTarget, headers: Record<string, string>, body: string, timeoutMs: number): Promise<PostResult> {
  const { url, address } = target;
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [address]);
    else callback(null, address.address, address.family);
  };
  const payload = Buffer.from(body, 'utf8');
  return new Promise<PostResult>((resolve, reject) => {
    const req = (url.protocol === 'https:' ? https : http).request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(payload.length) },
        lookup: pinned,
        // One request per connection: a kept-alive socket could outlive the check.
        agent: false,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: headerValue(res.headers['retry-after']) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
