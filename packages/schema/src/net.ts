/**
 * Which network addresses the project may reach on behalf of data it does not control (a
 * feed URL, an intake URL): public unicast only. One rule for the indexer, the portal's
 * feeds and the referral relay.
 *
 * Node-only: published as the subpath `@sociale-kaart/schema/net` and never re-exported
 * from the package index, because the index is loaded in the browser and ipaddr.js is a
 * CommonJS module a browser cannot import as ESM.
 */
import ipaddr from 'ipaddr.js';

/**
 * The ipaddr.js range name of `address` ('unicast' for a public one, else 'loopback',
 * 'private', 'linkLocal', 'carrierGradeNat', 'uniqueLocal', …), or 'invalid'. An
 * IPv4-mapped IPv6 address is judged as the IPv4 address it maps.
 */
export function addressRange(address: string): string {
  return ipaddr.isValid(address) ? ipaddr.process(address).range() : 'invalid';
}

/** True for a public unicast address only. */
export function isPublicAddress(address: string): boolean {
  return addressRange(address) === 'unicast';
}

/** An address literal's family, or null for a host name (brackets of an IPv6 URL host allowed). */
export function addressFamily(host: string): 4 | 6 | null {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (!ipaddr.isValid(bare)) return null;
  return ipaddr.parse(bare).kind() === 'ipv6' ? 6 : 4;
}
