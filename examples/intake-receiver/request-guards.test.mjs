// The intake receiver over real HTTP on loopback, attacked as a web page or a rebinding DNS
// name would: cross-site posts, non-JSON bodies and foreign Host headers are refused, and
// none of them stores a referral or sends a status in the organisation's name.
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntakeReceiver } from './intake-receiver.mjs';
import { signedHeaders } from './signature.mjs';
import { listen, rawRequest as send } from '../test/raw-http.mjs';

const SECRET = 'example-intake-secret-0123456789abcdef';

describe('intake receiver request guards (real HTTP)', () => {
  /** Status posts the receiver sent to the "API" (a real loopback server standing in for the relay). */
  const statusPosts = [];
  let api;
  let apiBase;
  let receiver;
  let port;
  let host;

  const referral = (id) => ({
    referralId: id,
    createdAt: '2026-03-01T12:00:00.000Z',
    targetType: 'activity',
    activity: { id: 'act-1', title: 'Koffieochtend' },
    organization: { id: 'org-a', name: 'Welzijn A' },
    reasons: [{ key: 'eenzaamheid', label: 'Eenzaamheid' }],
    note: null,
    patient: { name: 'J. Jansen', contactPreference: 'phone', phone: '06 1234 5678' },
    referrer: null,
    statusUrl: `${apiBase}/v1/referrals/${id}/status`,
  });
  const deliver = (id, extra = {}) => {
    const body = JSON.stringify(referral(id));
    return send(port, { method: 'POST', path: '/referrals', headers: { host, ...signedHeaders(SECRET, body), ...extra }, body });
  };
  const stored = async () => JSON.parse((await send(port, { path: '/api/referrals', headers: { host } })).text);

  beforeAll(async () => {
    api = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        statusPosts.push({ url: req.url, body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      });
    });
    await new Promise((resolve) => api.listen(0, '127.0.0.1', resolve));
    apiBase = `http://127.0.0.1:${api.address().port}`;
    receiver = await listen(createIntakeReceiver({ secret: SECRET, organizationId: 'org-a', apiBase, allowedHosts: ['127.0.0.1', 'intake.example.nl'] }).fetch);
    port = receiver.port;
    host = `127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await receiver?.close();
    await new Promise((resolve) => api?.close(resolve));
  });

  it('accepts the relay (signed JSON, no browser headers) and a form from its own page', async () => {
    const id = '11111111-1111-4111-8111-111111111111';
    expect((await deliver(id)).status).toBe(202);
    const form = await send(port, {
      method: 'POST',
      path: `/referrals/${id}/status`,
      headers: { host, 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', origin: `http://${host}` },
      body: 'status=received',
    });
    expect(form.status).toBe(303);
    expect(statusPosts.map((p) => p.url)).toEqual([`/v1/referrals/${id}/status`]);
    // A name on the allow-list is answered as well.
    expect((await send(port, { path: '/healthz', headers: { host: `intake.example.nl:${port}` } })).status).toBe(200);
  });

  it('refuses cross-site posts: Sec-Fetch-Site cross-site or same-site, a foreign Origin, Origin null', async () => {
    const id = '22222222-2222-4222-8222-222222222222';
    for (const extra of [{ 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'https://evil.example' }, { origin: 'null' }, { origin: `http://127.0.0.1:${port + 1}` }]) {
      const res = await deliver(id, extra);
      expect(res.status, JSON.stringify(extra)).toBe(403);
      expect(JSON.parse(res.text).error).toMatch(/^Cross-site request refused/);
    }
    expect((await stored()).map((r) => r.referral.referralId)).not.toContain(id);

    // A page elsewhere posting "declined" for an existing referral.
    const known = (await stored())[0].referral.referralId;
    const before = statusPosts.length;
    for (const extra of [{ 'sec-fetch-site': 'cross-site' }, { origin: 'https://evil.example' }]) {
      const res = await send(port, { method: 'POST', path: `/referrals/${known}/status`, headers: { host, 'content-type': 'application/x-www-form-urlencoded', ...extra }, body: 'status=declined' });
      expect(res.status).toBe(403);
    }
    expect(statusPosts.length).toBe(before);
  });

  it('refuses bodies that are not JSON with 415, even when signed', async () => {
    const id = '33333333-3333-4333-8333-333333333333';
    for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'multipart/form-data; boundary=x', undefined]) {
      const res = await deliver(id, { 'content-type': type });
      expect(res.status, String(type)).toBe(415);
      expect(JSON.parse(res.text).error).toBe('Content-Type must be application/json');
    }
    expect((await stored()).map((r) => r.referral.referralId)).not.toContain(id);

    const known = (await stored())[0].referral.referralId;
    const before = statusPosts.length;
    const plain = await send(port, { method: 'POST', path: `/referrals/${known}/status`, headers: { host, 'content-type': 'text/plain' }, body: '{"status":"declined"}' });
    expect(plain.status).toBe(415);
    expect(statusPosts.length).toBe(before);
  });

  it('refuses a Host outside its allow-list (DNS rebinding) on every route', async () => {
    const id = '44444444-4444-4444-8444-444444444444';
    const rebound = `rebind.attacker.example:${port}`;
    for (const path of ['/', '/api/referrals', '/healthz']) {
      const res = await send(port, { path, headers: { host: rebound } });
      expect(res.status, path).toBe(421);
      expect(res.text).not.toContain('J. Jansen');
      expect(JSON.parse(res.text).error).toBe('Host "rebind.attacker.example" is not one this intake answers to');
    }
    const body = JSON.stringify(referral(id));
    const post = await send(port, { method: 'POST', path: '/referrals', headers: { ...signedHeaders(SECRET, body), host: rebound }, body });
    expect(post.status).toBe(421);
    // localhost is a loopback name, but this receiver was given its own list without it.
    expect((await send(port, { path: '/api/referrals', headers: { host: `localhost:${port}` } })).status).toBe(421);
    expect((await stored()).map((r) => r.referral.referralId)).not.toContain(id);
  });
});
