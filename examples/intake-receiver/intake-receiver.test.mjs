import { describe, expect, it } from 'vitest';
import { createIntakeReceiver, escapeHtml } from './intake-receiver.mjs';
import { sign, signedHeaders } from './signature.mjs';

const SECRET = 'example-intake-secret-0123456789abcdef';
const API = 'http://api.test';

function payload(overrides = {}) {
  return {
    referralId: 'b3c8a0de-6a43-4c1b-9d7e-3d9f1d2a7c11',
    createdAt: '2026-03-01T12:00:00.000Z',
    targetType: 'activity',
    activity: { id: 'act-1', title: 'Koffieochtend' },
    organization: { id: 'org-a', name: 'Welzijn A' },
    reasons: [{ key: 'eenzaamheid', label: 'Eenzaamheid' }],
    note: 'Komt weinig buiten.',
    patient: { name: 'J. Jansen', contactPreference: 'phone', phone: '06 1234 5678' },
    referrer: { name: 'Dr. Huisarts' },
    statusUrl: `${API}/v1/referrals/b3c8a0de-6a43-4c1b-9d7e-3d9f1d2a7c11/status`,
    ...overrides,
  };
}

function deliver(app, body, { secret = SECRET, at = new Date(), headers } = {}) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return app.request('/referrals', { method: 'POST', headers: headers ?? signedHeaders(secret, raw, at), body: raw });
}

describe('example intake receiver', () => {
  it('accepts a correctly signed referral once and lists it', async () => {
    const app = createIntakeReceiver({ secret: SECRET, organizationId: 'org-a', apiBase: API });
    expect((await deliver(app, payload())).status).toBe(202);
    const again = await deliver(app, payload());
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ received: true, duplicate: true });
    const list = await (await app.request('/api/referrals')).json();
    expect(list).toHaveLength(1);
    expect(list[0].referral.patient.name).toBe('J. Jansen');
  });

  it('refuses a wrong secret, an old timestamp, missing headers and a changed body with 401', async () => {
    const app = createIntakeReceiver({ secret: SECRET, organizationId: 'org-a' });
    expect((await deliver(app, payload(), { secret: 'another-secret-that-is-long-enough-000' })).status).toBe(401);
    expect((await deliver(app, payload(), { at: new Date(Date.now() - 301_000) })).status).toBe(401);
    expect((await deliver(app, payload(), { headers: { 'content-type': 'application/json' } })).status).toBe(401);
    const raw = JSON.stringify(payload());
    const ts = String(Math.floor(Date.now() / 1000));
    const tampered = raw.replace('J. Jansen', 'K. Klaassen');
    expect((await deliver(app, tampered, { headers: { 'content-type': 'application/json', 'x-sk-timestamp': ts, 'x-sk-signature': sign(SECRET, raw, ts) } })).status).toBe(401);
    expect(await (await app.request('/api/referrals')).json()).toEqual([]);
  });

  it('refuses referrals for another organisation or with a status URL outside the API', async () => {
    const app = createIntakeReceiver({ secret: SECRET, organizationId: 'org-a', apiBase: API });
    expect((await deliver(app, payload({ organization: { id: 'org-b', name: 'B' } }))).status).toBe(422);
    expect((await deliver(app, payload({ statusUrl: 'http://evil.test/v1/referrals/x/status' }))).status).toBe(422);
  });

  it('as a regional intake ("*") accepts referrals for any organisation the relay routes to it', async () => {
    const app = createIntakeReceiver({ secret: SECRET, organizationId: '*', apiBase: API });
    expect((await deliver(app, payload({ organization: { id: 'org-b', name: 'B' } }))).status).toBe(202);
    expect((await deliver(app, payload({ referralId: 'c3c8a0de-6a43-4c1b-9d7e-3d9f1d2a7c11', organization: { id: 'org-c', name: 'C' } }), { secret: 'another-secret-0123456789abcdefghijkl' })).status).toBe(401);
  });

  it('escapes every text on the page', async () => {
    const app = createIntakeReceiver({ secret: SECRET, organizationId: 'org-a' });
    await deliver(app, payload({ note: '<script>alert(1)</script>', patient: { name: '<img src=x onerror=alert(2)>', contactPreference: 'email', email: 'a"b@x.nl' } }));
    const res = await app.request('/');
    const html = await res.text();
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toContain('<html lang="nl">');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('a&quot;b@x.nl');
    expect(html).toMatch(/<label for="status-[^"]+">Nieuwe status<\/label>/);
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });

  it('signs the status it sends back, and refuses a cross-site form post', async () => {
    const sent = [];
    const fakeFetch = async (url, init) => {
      sent.push({ url, init });
      return new Response(JSON.stringify({ status: 'received' }), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const app = createIntakeReceiver({ secret: SECRET, organizationId: 'org-a', fetch: fakeFetch });
    await deliver(app, payload());
    const id = payload().referralId;
    const crossSite = await app.request(`/referrals/${id}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' },
      body: 'status=closed',
    });
    expect(crossSite.status).toBe(403);
    expect(sent).toHaveLength(0);
    const bad = await app.request(`/referrals/${id}/status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"status":"cured"}' });
    expect(bad.status).toBe(400);

    const ok = await app.request(`/referrals/${id}/status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"status":"received","reason":"Bel morgen"}' });
    expect(ok.status).toBe(200);
    expect(sent).toHaveLength(1);
    expect(sent[0].url).toBe(payload().statusUrl);
    const { headers, body } = sent[0].init;
    expect(JSON.parse(body)).toEqual({ referralId: id, status: 'received', reason: 'Bel morgen' });
    expect(headers['x-sk-signature']).toBe(sign(SECRET, body, headers['x-sk-timestamp']));
    expect((await app.request('/referrals/unknown/status', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"status":"received"}' })).status).toBe(404);
  });
});
