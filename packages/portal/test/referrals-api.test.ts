/**
 * The inbox API for systems on PGlite and on a real PostgreSQL server: publishing the team
 * key, listing and fetching sealed referrals, statuses, a handover re-sealed to another
 * organisation's key, 403 across organisations, and the OpenAPI document.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createApiKey, createOrganisation, currentReferralKey, getReferral, openDatabase, type Db } from '@sociale-kaart/db';
import { DATABASE_KINDS, useDatabases } from '@sociale-kaart/db/testing';
import { useMeilisearch } from '@sociale-kaart/meili/testing';
import { generateExtractableKeyPair, openReferral } from '@sociale-kaart/sealing';
import { startPortal, type RunningPortal } from '../src/index.js';
import { insertSealedReferral, makeInboxOrganisation, PATIENT_PART } from './inbox-fixtures.js';

const meili = useMeilisearch();
const read = async (r: Response | Promise<Response>): Promise<any> => (await r).json();
let now = new Date('2026-06-15T10:00:00Z');

describe.each(DATABASE_KINDS)('the inbox API on %s', (kind) => {
  const databases = useDatabases(kind);
  let portal: RunningPortal | undefined;
  afterAll(async () => {
    await portal?.close();
  });

  it('publishes keys, serves sealed referrals, records statuses and hands over', async () => {
    now = new Date('2026-06-15T10:00:00Z');
    const url = await databases.freshUrl();
    portal = await startPortal({ port: 0, databaseUrl: url, meili: { url: meili.url, apiKey: meili.masterKey, index: `portal_inbox_${kind}` }, schedule: false, clock: () => now, log: () => {} });
    const db: Db = portal.database.db;
    const linde = await makeInboxOrganisation(db, 'Stichting De Linde', 'info@delinde.example');
    const anker = await makeInboxOrganisation(db, 'Welzijn Het Anker', 'info@anker.example');
    const unverified = await createOrganisation(db, { name: 'Nog niet geverifieerd' });
    const { key } = await createApiKey(db, linde.id);
    const { key: ankerKey } = await createApiKey(db, anker.id);
    const api = (org: string, path: string, init: Omit<RequestInit, 'body'> & { key?: string | null; body?: unknown } = {}) => {
      const headers = new Headers(init.headers);
      if (init.key !== null) headers.set('authorization', `Bearer ${init.key ?? key}`);
      if (init.body !== undefined) headers.set('content-type', 'application/json');
      return fetch(`${portal!.url}/v1/providers/${org}${path}`, { ...init, headers, body: init.body === undefined ? null : JSON.stringify(init.body) });
    };

    // The team key: a private member is refused by name, the public JWK is stored.
    const team = await generateExtractableKeyPair();
    const { d } = await crypto.subtle.exportKey('jwk', team.privateKey);
    const leaked = await api(linde.id, '/referral-key', { method: 'PUT', body: { ...team.publicJwk, d } });
    expect(leaked.status).toBe(400);
    expect(leaked.headers.get('content-type')).toContain('application/problem+json');
    expect((await read(leaked)).errors[0].message).toContain('a private key member (d): publish only the public key');
    expect(await currentReferralKey(db, linde.id)).toBeUndefined();
    expect((await api(linde.id, '/referral-key', { method: 'PUT', body: team.publicJwk, key: null })).status).toBe(401);
    expect((await api(linde.id, '/referral-key', { method: 'PUT', body: team.publicJwk, key: ankerKey })).status).toBe(403);
    const put = await api(linde.id, '/referral-key', { method: 'PUT', body: team.publicJwk });
    expect(put.status).toBe(200);
    expect((await read(put)).kid).toBe(team.kid);
    expect((await currentReferralKey(db, linde.id))?.kid).toBe(team.kid);

    // Rotation retires the older key but keeps it listed.
    now = new Date('2026-06-15T10:05:00Z');
    const rotated = await generateExtractableKeyPair();
    expect((await api(linde.id, '/referral-key', { method: 'PUT', body: rotated.publicJwk })).status).toBe(200);
    const keys = await read(api(linde.id, '/referral-key'));
    expect(keys.current).toBe(rotated.kid);
    expect(keys.keys.map((k: { kid: string; retiredAt: string | null }) => [k.kid, k.retiredAt === null])).toEqual([
      [rotated.kid, true],
      [team.kid, false],
    ]);

    // A referral sealed to the older key is still served, sealed, with its public part.
    const sealedOld = await insertSealedReferral(db, { id: 'ref-old', organisationId: linde.id, key: team, createdAt: new Date('2026-06-14T09:00:00Z') });
    await insertSealedReferral(db, { id: 'ref-new', organisationId: linde.id, key: rotated });
    const list = await read(api(linde.id, '/referrals?tab=new'));
    expect(list.referrals.map((r: { referralId: string }) => r.referralId)).toEqual(['ref-new', 'ref-old']);
    expect(JSON.stringify(list)).not.toContain(PATIENT_PART.patient.name);
    expect((await api(linde.id, '/referrals', { key: ankerKey })).status).toBe(403);
    expect((await api(anker.id, '/referrals/ref-old', { key: ankerKey })).status).toBe(404);

    const one = await read(api(linde.id, '/referrals/ref-old'));
    expect(one.sealed).toEqual(sealedOld.sealed);
    expect(await openReferral([team, rotated], one.sealed, one.publicPart)).toEqual(PATIENT_PART);
    expect(one.openedAt).toBe(now.toISOString());
    expect(one.status).toBe('received');

    // Statuses: another organisation's key is 403, a decline needs a reason.
    expect((await api(linde.id, '/referrals/ref-old/status', { method: 'POST', body: { status: 'contacted' }, key: ankerKey })).status).toBe(403);
    const noReason = await api(linde.id, '/referrals/ref-old/status', { method: 'POST', body: { status: 'declined' } });
    expect(noReason.status).toBe(400);
    expect((await read(noReason)).errors[0].pointer).toBe('/reason');
    const bad = await api(linde.id, '/referrals/ref-old/status', { method: 'POST', body: { status: 'gelezen' } });
    expect(bad.status).toBe(400);
    expect((await read(bad)).errors[0].pointer).toBe('/status');
    now = new Date('2026-06-15T11:00:00Z');
    const contacted = await read(api(linde.id, '/referrals/ref-old/status', { method: 'POST', body: { status: 'contacted' } }));
    expect(contacted).toMatchObject({ status: 'contacted', firstContactAt: now.toISOString() });
    const started = await read(api(linde.id, '/referrals/ref-old/status', { method: 'POST', body: { status: 'started', activityId: 'portal-x_koffie_buurthuis' } }));
    expect(started.history.at(-1)).toEqual({ status: 'started', at: now.toISOString(), activityId: 'portal-x_koffie_buurthuis' });
    expect((await read(api(linde.id, '/referrals?tab=active'))).referrals.map((r: { referralId: string }) => r.referralId)).toEqual(['ref-old']);
    const declined = await read(api(linde.id, '/referrals/ref-new/status', { method: 'POST', body: { status: 'declined', reason: 'Buiten ons werkgebied' } }));
    expect(declined).toMatchObject({ status: 'declined', closedAt: now.toISOString() });

    // Handover: refused to an unverified organisation, or sealed to a key that is not the target's.
    const ankerTeam = await generateExtractableKeyPair();
    expect((await api(anker.id, '/referral-key', { method: 'PUT', body: ankerTeam.publicJwk, key: ankerKey })).status).toBe(200);
    const targets = await read(api(linde.id, '/handover-targets'));
    expect(targets.targets).toEqual([{ organizationId: anker.id, name: 'Welzijn Het Anker', publicKey: ankerTeam.publicJwk }]);
    const { sealReferral } = await import('@sociale-kaart/sealing');
    const { publicPartFor } = await import('../src/referrals-api.js');
    const row = (await getReferral(db, 'ref-old'))!;
    const resealed = await sealReferral(ankerTeam.publicJwk, { kid: ankerTeam.kid }, PATIENT_PART, { ...publicPartFor(row, anker.id) });
    const toUnverified = await api(linde.id, '/referrals/ref-old/handover', { method: 'POST', body: { organizationId: unverified.id, sealed: resealed } });
    expect(toUnverified.status).toBe(422);
    expect((await read(toUnverified)).detail).toContain('not a verified inbox organisation');
    const wrongKey = await api(linde.id, '/referrals/ref-old/handover', { method: 'POST', body: { organizationId: anker.id, sealed: { ...resealed, kid: rotated.kid } } });
    expect(wrongKey.status).toBe(422);
    expect((await read(wrongKey)).detail).toContain(`current key is ${ankerTeam.kid}`);
    const handed = await read(api(linde.id, '/referrals/ref-old/handover', { method: 'POST', body: { organizationId: anker.id, sealed: resealed } }));
    expect(handed).toMatchObject({ organizationId: anker.id, status: 'handed_over', openedAt: null });
    expect(handed.history.at(-1)).toEqual({ status: 'handed_over', at: now.toISOString(), to: { organizationId: anker.id, organizationName: 'Welzijn Het Anker' } });
    expect((await api(linde.id, '/referrals/ref-old')).status).toBe(404);
    const arrived = await read(api(anker.id, '/referrals/ref-old', { key: ankerKey }));
    expect(await openReferral(ankerTeam, arrived.sealed, arrived.publicPart)).toEqual(PATIENT_PART);
    expect(arrived.publicPart.organizationId).toBe(anker.id);

    // Restart keeps everything.
    await portal.close();
    portal = await startPortal({ port: 0, databaseUrl: url, meili: { url: meili.url, apiKey: meili.masterKey, index: `portal_inbox_${kind}` }, schedule: false, clock: () => now, log: () => {} });
    expect((await read(api(anker.id, '/referrals', { key: ankerKey }))).referrals).toHaveLength(1);

    const doc = await read(fetch(`${portal.url}/openapi.json`));
    for (const path of ['/v1/providers/{organizationId}/referral-key', '/v1/providers/{organizationId}/referrals', '/v1/providers/{organizationId}/referrals/{id}', '/v1/providers/{organizationId}/referrals/{id}/status', '/v1/providers/{organizationId}/referrals/{id}/handover']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.paths['/v1/providers/{organizationId}/referral-key'].put).toBeDefined();
  });

  it('lets a signed-in editor publish a key only with the CSRF token', async () => {
    const url = await databases.freshUrl();
    const seed = await openDatabase({ url });
    const org = await makeInboxOrganisation(seed.db, 'Buurtwerk Oost', 'info@oost.example');
    const { upsertUser, createSession } = await import('@sociale-kaart/db');
    const user = await upsertUser(seed.db, { email: 'coach@oost.example', role: 'editor', organisationId: org.id });
    const session = await createSession(seed.db, user.id, now);
    await seed.close();
    await portal?.close();
    portal = await startPortal({ port: 0, databaseUrl: url, meili: { url: meili.url, apiKey: meili.masterKey, index: `portal_inbox_${kind}` }, schedule: false, clock: () => now, log: () => {} });
    const team = await generateExtractableKeyPair();
    const put = (headers: Record<string, string>) =>
      fetch(`${portal!.url}/v1/providers/${org.id}/referral-key`, { method: 'PUT', body: JSON.stringify(team.publicJwk), headers: { 'content-type': 'application/json', ...headers } });
    const csrf = 'c'.repeat(43);
    const withoutToken = await put({ cookie: `sk_session=${session}; sk_csrf=${csrf}` });
    expect(withoutToken.status).toBe(403);
    expect((await read(withoutToken)).detail).toContain('X-CSRF-Token');
    expect((await put({ cookie: `sk_session=${session}; sk_csrf=${csrf}`, 'x-csrf-token': 'd'.repeat(43) })).status).toBe(403);
    expect((await put({ cookie: `sk_session=${session}; sk_csrf=${csrf}`, 'x-csrf-token': csrf })).status).toBe(200);
    expect((await currentReferralKey(portal.database.db, org.id))?.kid).toBe(team.kid);
    const otherOrg = await fetch(`${portal.url}/v1/providers/someone-else/referrals`, { headers: { cookie: `sk_session=${session}` } });
    expect(otherOrg.status).toBe(403);
  });
});
