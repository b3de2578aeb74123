// The demo's page server over real HTTP: the demo HIS backend's referrer tokens are what the
// search API will accept (verified here with jose against the JWKS file the API is given), only
// the HIS page itself gets one, and malformed paths get a 400, never a 500 or a stack trace.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, rawRequest } from '../test/raw-http.mjs';
import { DEMO_PRACTICE, TOKEN_PATH, createHisBackend } from './his-backend.mjs';
import { createPagesApp } from './pages.mjs';

const API = 'http://127.0.0.1:18787';

describe('demo page server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sk-pages-'));
  let server;
  let his;
  let host;
  beforeAll(async () => {
    his = await createHisBackend({ audience: API, issuer: 'http://127.0.0.1/his', jwksFile: join(dir, 'his', 'referrer-jwks.json'), allowedHosts: ['127.0.0.1'] });
    server = await listen(createPagesApp({ apiBase: `${API}/v1`, routes: [his.routes] }).fetch);
    host = `127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const askToken = (headers = {}) => rawRequest(server.port, { method: 'POST', path: TOKEN_PATH, headers: { host, 'sec-fetch-site': 'same-origin', ...headers } });

  it('issues a referrer token the search API can verify: ES256, aud = the API, sub = the practice, 5 minutes', async () => {
    const res = await askToken();
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const { token, expiresAt } = JSON.parse(res.text);
    const jwks = JSON.parse(readFileSync(his.jwksFile, 'utf8'));
    // Only public key material is written for the API.
    expect(jwks.keys).toHaveLength(1);
    expect(Object.keys(jwks.keys[0]).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'ES256', kid: jwks.keys[0].kid, typ: 'JWT' });
    // The checks the API makes (SK_REFERRER_JWKS_FILE, SK_PUBLIC_BASE_URL).
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), { audience: API, algorithms: ['ES256', 'EdDSA'], requiredClaims: ['exp', 'iat', 'sub'] });
    expect(payload).toMatchObject({ iss: 'http://127.0.0.1/his', sub: DEMO_PRACTICE.agb, aud: API });
    expect(payload.exp - payload.iat).toBe(300);
    expect(new Date(expiresAt).getTime()).toBe(payload.exp * 1000);
    // A token for another API, or signed by another key, does not verify.
    await expect(jwtVerify(token, createLocalJWKSet(jwks), { audience: 'https://other.example' })).rejects.toThrow(/aud/);
    const other = await createHisBackend({ audience: API, issuer: 'x', jwksFile: join(dir, 'other', 'jwks.json'), allowedHosts: [] });
    const foreign = (await other.issueToken()).token;
    await expect(jwtVerify(foreign, createLocalJWKSet(jwks), { audience: API })).rejects.toThrow();
    // Each token is new.
    expect(JSON.parse((await askToken()).text).token).not.toBe(token);
  });

  it('gives no token to another site or a rebound host name', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const res = await askToken({ 'sec-fetch-site': site });
      expect(res.status, site).toBe(403);
      expect(res.text).not.toMatch(/eyJ/);
    }
    const rebound = await askToken({ host: `rebind.attacker.example:${server.port}` });
    expect(rebound.status).toBe(421);
    expect(rebound.text).not.toMatch(/eyJ/);
  });

  it('answers malformed paths with 400 and a short text, not a 500 or a stack trace', async () => {
    for (const path of ['/%', '/%E0%A4%A', '/his-consult/%', '/his-consult/%E0%A4%A', '/widgets/%ZZ', '/his-consult/%00index.html']) {
      const res = await rawRequest(server.port, { path, headers: { host } });
      expect(res.status, path).toBe(400);
      expect(res.text, path).toBe('Ongeldig adres');
      expect(res.headers['content-security-policy'], path).toContain("default-src 'self'");
    }
    // Well-formed paths still work.
    expect((await rawRequest(server.port, { path: '/his-consult/', headers: { host } })).status).toBe(200);
    expect((await rawRequest(server.port, { path: '/his-consult/%69ndex.html', headers: { host } })).status).toBe(200);
    expect((await rawRequest(server.port, { path: '/his-consult/../package.json', headers: { host } })).status).toBe(404);
  });
});
