// The demo plays the HIS backend: the server side of a GP information system that the
// search API's operator trusts to send referrals. At every demo start it makes a new ES256
// key pair, publishes the public half as a JWKS file for the API (SK_REFERRER_JWKS_FILE) and
// issues short-lived referrer tokens to the HIS page. A real HIS issues a token only to a
// signed-in user of the practice; see examples/his-consult/README.md.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';

/** The fictional practice of the demo's HIS page; `sub` of every token is its AGB code. */
export const DEMO_PRACTICE = Object.freeze({ agb: '01999999', name: 'Praktijk De Linde' });

export const TOKEN_PATH = '/his/referrer-token';
const ALG = 'ES256';

/**
 * @param {{ audience: string, issuer: string, jwksFile: string, allowedHosts: readonly string[], lifetimeSeconds?: number, clock?: () => Date }} options
 *   audience: the search API's public base URL (SK_PUBLIC_BASE_URL), which checks `aud` against it.
 *   issuer: who signs, as the operator knows this HIS (recorded in the JWKS registration).
 *   allowedHosts: the host names the page server is reached by; a token asked for under any
 *   other name (a DNS-rebinding page) is refused.
 */
export async function createHisBackend({ audience, issuer, jwksFile, allowedHosts, lifetimeSeconds = 300, clock = () => new Date() }) {
  const hosts = new Set(allowedHosts);
  const { publicKey, privateKey } = await generateKeyPair(ALG);
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  mkdirSync(dirname(jwksFile), { recursive: true });
  // Public keys only: the private key never leaves this process.
  writeFileSync(jwksFile, `${JSON.stringify({ keys: [{ ...jwk, kid, alg: ALG, use: 'sig' }] }, null, 2)}\n`);

  /** A signed referrer token for the demo practice, valid for `lifetimeSeconds`. */
  async function issueToken() {
    const iat = Math.floor(clock().getTime() / 1000);
    const exp = iat + lifetimeSeconds;
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: ALG, kid, typ: 'JWT' })
      .setIssuer(issuer)
      .setSubject(DEMO_PRACTICE.agb)
      .setAudience(audience)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .setJti(randomUUID())
      .sign(privateKey);
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** Adds `POST /his/referrer-token` to a Hono app (the demo's page server). */
  function routes(app) {
    app.post(TOKEN_PATH, async (c) => {
      // Only the HIS page itself may ask: a page on another site, or on a rebound name, gets nothing.
      const host = new URL(c.req.url).hostname;
      if (!hosts.has(host)) return c.json({ error: `Host "${host}" is not this HIS` }, 421);
      const site = c.req.header('sec-fetch-site');
      if (site && site !== 'same-origin') return c.json({ error: 'Cross-site request refused' }, 403);
      return c.json(await issueToken(), 200, { 'Cache-Control': 'no-store' });
    });
  }

  return { kid, jwksFile, issueToken, routes };
}
