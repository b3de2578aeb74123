/**
 * Which network addresses the project may reach on behalf of data it does not control (an
 * intake URL, a feed URL): public unicast only. One rule for the relay, the indexer and the
 * portal's feeds. ipaddr.js names every special range (loopback, private, link-local, CGNAT,
 * unique-local, …); an IPv4-mapped IPv6 address is judged as the IPv4 address it maps.
 */
import ipaddr from 'ipaddr.js';

/** The ipaddr.js range name of `address` ('unicast' for a public one), or 'invalid'. */
export function addressRange(address: string): string {
  return ipaddr.isValid(address) ? ipaddr.process(address).range() : 'invalid';
}

/** True for a public unicast address. */
export function isPublicAddress(address: string): boolean {
  return addressRange(address) === 'unicast';
}
