import { afterAll, describe, expect, it } from 'vitest';
import { createApiKey, createOrganisation, openDatabase } from '@sociale-kaart/db';
import { DATABASE_KINDS, useDatabases } from '@sociale-kaart/db/testing';
import { activityId } from '@sociale-kaart/indexer';
import { useMeilisearch } from '@sociale-kaart/meili/testing';
import { startPortal, type RunningPortal } from '../src/index.js';
import { serviceRecord, templateCsv } from './fixtures.js';

const meili = useMeilisearch();
// Response bodies are checked field by field below.
const read = async (r: Response | Promise<Response>): Promise<any> => (await r).json();
const TODAY = new Date('2026-06-15T10:00:00Z');

describe.each(DATABASE_KINDS)('the write API on %s', (kind) => {
  const databases = useDatabases(kind);
  const index = `portal_api_${kind}`;
  let portal: RunningPortal | undefined;
  afterAll(async () => {
    await portal?.close();
  });

  const start = async (url: string) => {
    portal = await startPortal({ port: 0, databaseUrl: url, meili: { url: meili.url, apiKey: meili.masterKey, index }, schedule: false, clock: () => TODAY, log: () => {} });
    return portal;
  };
  const doc = async (id: string) => {
    try {
      return (await meili.client.index(index).getDocument(id)) as Record<string, unknown>;
    } catch {
      return null;
    }
  };

  it('publishes, validates, uploads, confirms and deletes, and keeps it all across a restart', async () => {
    const url = await databases.freshUrl();
    const seed = await openDatabase({ url });
    const linde = await createOrganisation(seed.db, { name: 'Stichting De Linde', kvk: '12345678', verified: true });
    const other = await createOrganisation(seed.db, { name: 'Andere Stichting' });
    const { key } = await createApiKey(seed.db, linde.id);
    const { key: otherKey } = await createApiKey(seed.db, other.id);
    await seed.close();

    let p = await start(url);
    const api = (path: string, init: RequestInit & { key?: string | null } = {}) => {
      const headers = new Headers(init.headers);
      if (init.key !== null) headers.set('authorization', `Bearer ${init.key ?? key}`);
      return fetch(`${p.url}/v1/providers/${linde.id}${path}`, { ...init, headers });
    };
    const json = (body: unknown) => ({ method: 'PUT', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

    // Who may write
    const anonymous = await api('/activities', { key: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
    expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');
    expect((await api('/activities', { key: 'skp_made-up' })).status).toBe(401);
    const cross = await api('/activities', { key: otherKey });
    expect(cross.status).toBe(403);
    expect((await read(cross)).detail).toContain(linde.id);
    expect((await api('/activities/koffie', { ...json(serviceRecord()), key: otherKey })).status).toBe(403);

    // PUT: created, live at once, with the portal's organisation and a stable id
    const created = await api('/activities/koffie', json({ ...serviceRecord(), organization: { id: 'feed-org', name: 'Iemand anders' } }));
    expect(created.status).toBe(201);
    const expectedId = activityId(`portal-${linde.id}`, 'koffie', 'buurthuis');
    expect(await read(created)).toEqual({ id: expectedId, ids: [expectedId], published: true, created: true });
    const live = await doc(expectedId);
    expect(live).toMatchObject({ title: 'Koffieochtend De Linde', organization: { id: linde.id, name: 'Stichting De Linde', kvk: '12345678' }, assuredDate: '2026-06-15', source: `portal-${linde.id}` });
    // With its revision, as every writer stores it (the search API's hit store keys on it).
    expect(live?.rev).toMatch(/^[A-Za-z0-9_-]{22}$/);

    // Bad input: 400 with pointers, nothing changed
    const bad = await api('/activities/koffie', json(serviceRecord({ name: '', email: 'geen-adres', service_at_locations: [{ location: { id: 'x', location_type: 'physical', addresses: [{ postal_code: '99999', country: 'NL' }] } }] })));
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const problem = await read(bad);
    const pointers = problem.errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toContain('/name');
    expect(pointers.some((ptr: string) => ptr.startsWith('/service_at_locations/0'))).toBe(true);
    expect(await doc(expectedId)).toMatchObject({ title: 'Koffieochtend De Linde', rev: live?.rev });
    const mismatch = await api('/activities/koffie', json(serviceRecord({ id: 'iets-anders' })));
    expect(mismatch.status).toBe(400);
    expect((await read(mismatch)).errors[0].pointer).toBe('/id');
    expect((await api('/activities/met%20spatie', json(serviceRecord()))).status).toBe(400);

    // PUT again: replaced; a location it no longer has is gone from search
    const moved = serviceRecord({ name: 'Koffieochtend (nieuwe plek)' });
    (moved.service_at_locations as Array<{ location: { id: string } }>)[0]!.location.id = 'bibliotheek';
    const replaced = await api('/activities/koffie', json(moved));
    expect(replaced.status).toBe(200);
    const newId = activityId(`portal-${linde.id}`, 'koffie', 'bibliotheek');
    expect((await read(replaced)).created).toBe(false);
    expect(await doc(expectedId)).toBeNull();
    expect(await doc(newId)).toMatchObject({ title: 'Koffieochtend (nieuwe plek)' });

    // Upload: Windows-1252 CSV, report first, then publish the good rows only
    const csv = Buffer.from(templateCsv([{ id: 'wandel', title: 'Wandelgroep Café' }, { id: 'leeg', title: '' }, { id: 'zang', title: 'Zangkoor' }]), 'latin1');
    const checked = await api('/uploads?name=aanbod.csv', { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } });
    expect(checked.status).toBe(200);
    const report = await read(checked);
    expect(report).toMatchObject({ valid: 2, published: 0, report: { accepted: 2, rejected: 1 } });
    expect(report.report.errors.map((e: { record: number; input: string }) => [e.record, e.input])).toEqual([[2, 'aanbod.csv']]);
    const wandelId = activityId(`portal-${linde.id}`, 'wandel');
    expect(await doc(wandelId)).toBeNull();
    const publishedUpload = await api('/uploads?publish=true', { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } });
    expect(await read(publishedUpload)).toMatchObject({ valid: 2, published: 2 });
    expect(await doc(wandelId)).toMatchObject({ title: 'Wandelgroep Café', organization: { id: linde.id } });

    // A bad upload never removes what is published
    const allBad = Buffer.from(`\uFEFF${templateCsv([{ id: 'wandel', title: '' }])}`, 'utf8');
    expect(await read(api('/uploads?publish=true', { method: 'POST', body: allBad, headers: { 'content-type': 'text/csv' } }))).toMatchObject({ valid: 0, published: 0 });
    const unreadable = await api('/uploads?publish=true', { method: 'POST', body: '{"broken": ', headers: { 'content-type': 'application/json' } });
    expect(unreadable.status).toBe(400);
    expect(await doc(wandelId)).toMatchObject({ title: 'Wandelgroep Café' });
    expect(await doc(newId)).not.toBeNull();

    // Confirm: assured_date today everywhere
    const confirmed = await api('/confirm', { method: 'POST' });
    expect(await read(confirmed)).toEqual({ assuredDate: '2026-06-15', confirmed: 3 });
    expect((await doc(wandelId))?.assuredDate).toBe('2026-06-15');

    // Delete
    expect((await api('/activities/zang', { method: 'DELETE' })).status).toBe(204);
    expect(await doc(activityId(`portal-${linde.id}`, 'zang'))).toBeNull();
    expect((await api('/activities/zang', { method: 'DELETE' })).status).toBe(404);

    // Restart keeps everything
    await p.close();
    p = await start(url);
    const list = await read(api('/activities'));
    expect(list.activities.map((a: { key: string; status: string; origin: string; assuredDate: string }) => [a.key, a.status, a.origin, a.assuredDate])).toEqual([
      ['koffie', 'published', 'api', '2026-06-15'],
      ['wandel', 'published', 'upload', '2026-06-15'],
    ]);
    expect(list.activities[0].id).toBe(newId);
  });

  it('documents the write API in OpenAPI', async () => {
    const p = portal ?? (await start(await databases.freshUrl()));
    const doc = await read(fetch(`${p.url}/openapi.json`));
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/v1/monitor',
      '/v1/providers/{organizationId}/activities',
      '/v1/providers/{organizationId}/activities/{key}',
      '/v1/providers/{organizationId}/confirm',
      '/v1/providers/{organizationId}/handover-targets',
      '/v1/providers/{organizationId}/referral-key',
      '/v1/providers/{organizationId}/referrals',
      '/v1/providers/{organizationId}/referrals/{id}',
      '/v1/providers/{organizationId}/referrals/{id}/handover',
      '/v1/providers/{organizationId}/referrals/{id}/status',
      '/v1/providers/{organizationId}/uploads',
    ]);
    expect(Object.keys(doc.paths['/v1/providers/{organizationId}/activities/{key}']).sort()).toEqual(['delete', 'put']);
  });
});
