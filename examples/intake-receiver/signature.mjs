// What a provider has to implement to talk to the Sociale Kaart referral relay: sign and verify
// "<unix seconds>.<raw body>" with HMAC-SHA256 and the secret the relay's operator gave you.
// Deliberately written out with node:crypto only, so it can be copied into any Node service.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** @param {string} secret @param {string} body the raw body @param {number | string} timestamp unix seconds */
export function sign(secret, body, timestamp) {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/**
 * @param {{ secret: string, body: string, timestamp: string | null | undefined, signature: string | null | undefined, now?: Date, maxAgeSeconds?: number }} input
 * @returns {{ ok: true } | { ok: false, reason: string }}
 */
export function verify({ secret, body, timestamp, signature, now = new Date(), maxAgeSeconds = 300 }) {
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || !signature || !/^sha256=[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: 'missing or malformed signature headers' };
  const age = Math.floor(now.getTime() / 1000) - Number(timestamp);
  // Old requests could be replays; far-future ones come from a broken clock.
  if (age > maxAgeSeconds || age < -60) return { ok: false, reason: 'timestamp outside the 5-minute window' };
  const expected = Buffer.from(sign(secret, body, timestamp));
  const given = Buffer.from(signature);
  // Constant time: a byte-by-byte comparison would leak how much of a guess was right.
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'signature does not match' };
  return { ok: true };
}

/** Headers for a signed request to the relay. @param {string} secret @param {string} body @param {Date} [now] */
export function signedHeaders(secret, body, now = new Date()) {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return { 'content-type': 'application/json', 'x-sk-timestamp': timestamp, 'x-sk-signature': sign(secret, body, timestamp) };
}
