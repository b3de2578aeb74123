/**
 * GET /v1/monitor over a real portal (real HTTP, real Meilisearch) on PGlite and on
 * PostgreSQL: referrals and statuses seeded over several months, exact numbers, small-cell
 * and complementary suppression, the date filters (in the Netherlands' calendar), CSV, and
 * who may ask (monitor token, session, editor 403).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendReferralStatus, createOrganisation, createReferral, createSession, upsertUser, type Db, type Organisation } from '@sociale-kaart/db';
import { DATABASE_KINDS, useDatabases } from '@sociale-kaart/db/testing';
import { useMeilisearch } from '@sociale-kaart/meili/testing';
import { startPortal, type RunningPortal } from '../src/index.js';
import { createMonitorToken, namePractice, revokeMonitorToken } from '../src/monitor/access.js';
import { serviceRecord } from './fixtures.js';

const meili = useMeilisearch();
const S = { suppressed: true };
const DAY = 86_400_000;

/** An HSDS service in a town, with its categories as taxonomy terms (and "Welzijn op Recept" when it takes referrals). */
function place(name: string, street: string, postcode: string, city: string, terms: string[], assured: string) {
  return serviceRecord({
    name,
    assured_date: assured,
    attributes: terms.map((t) => ({ taxonomy_term: { code: t, name: t } })),
    service_at_locations: [{ location: { id: 'plek', name, location_type: 'physical', addresses: [{ address_1: street, postal_code: postcode, city, country: 'NL', address_type: 'physical' }] } }],
  });
}

interface Seed {
  at: string;
  referrer: string;
  gemeente?: string;
  reasons?: string[];
  /** [status, days after the referral, extra] */
  statuses?: Array<[string, number, { reason?: string; activityId?: string }?]>;
}

let counter = 0;
async function refer(db: Db, org: Organisation, s: Seed): Promise<void> {
  const id = `ref-${++counter}`;
  const created = new Date(s.at);
  await createReferral(db, { id, targetType: 'activity', activityId: 'x', organisationId: org.id, gemeente: s.gemeente ?? 'Utrecht', reasons: s.reasons ?? ['eenzaamheid'], referrer: s.referrer, tokenHash: 'a'.repeat(64), delivery: 'inbox', createdAt: created });
  await appendReferralStatus(db, id, { status: 'sent', at: s.at });
  for (const [status, days, extra] of s.statuses ?? []) {
    await appendReferralStatus(db, id, { status, at: new Date(created.getTime() + days * DAY).toISOString(), ...extra });
  }
}

describe.each(DATABASE_KINDS)('the monitor API on %s', (kind) => {
  const databases = useDatabases(kind);
  const index = `portal_monitor_${kind}`;
  let portal: RunningPortal;
  let now = new Date('2026-05-01T10:00:00Z');
  let viewerToken = '';
  let viewerSession = '';
  let editorSession = '';
  let operatorSession = '';

  beforeAll(async () => {
    portal = await startPortal({ port: 0, databaseUrl: await databases.freshUrl(), meili: { url: meili.url, apiKey: meili.masterKey, index }, schedule: false, clock: () => now, log: () => {} });
    const db = portal.database.db;
    const linde = await createOrganisation(db, { name: 'Stichting De Linde', verified: true });
    const zeist = await createOrganisation(db, { name: 'Kunst in Zeist' });
    const sport = await createOrganisation(db, { name: 'Sportief Oost' });
    // The offer, published on 1 May; De Linde confirms on 15 June, the others never do.
    const koffie = await portal.service.put(linde, 'koffie', place('Koffie', 'Kanaalstraat 12', '3531 AB', 'Utrecht', ['social_contact', 'Welzijn op Recept'], '2026-04-20'), 'api');
    const wandelen = await portal.service.put(linde, 'wandelen', place('Wandelen', 'Kanaalstraat 12', '3531 AB', 'Utrecht', ['exercise'], '2026-04-20'), 'api');
    await portal.service.put(zeist, 'schilderen', place('Schilderen', 'Slotlaan 1', '3701 GA', 'Zeist', ['creative'], '2025-10-01'), 'api');
    await portal.service.put(sport, 'fitness', place('Fitness', 'Heidelberglaan 8', '3584 CS', 'Utrecht', ['exercise', 'Welzijn op Recept'], '2025-11-01'), 'api');
    now = new Date('2026-06-15T10:00:00Z');
    await portal.service.confirmAll(linde);
    // Paused: gone from search, its categories come from the portal's table.
    await portal.service.setPaused(linde, 'wandelen', true);
    const A = koffie.ids[0]!;
    const B = wandelen.ids[0]!;

    // December 2025, Zeist: the first practice ever seen ("praktijk A"), outside the period below.
    await refer(db, zeist, { at: '2025-12-10T09:00:00Z', referrer: 'agb-444', gemeente: 'Zeist' });
    // January 2026 (7; the first is 31 Dec 23:30 UTC = 1 Jan 00:30 in Amsterdam).
    const jan = ['2025-12-31T23:30:00Z', '2026-01-05T09:00:00Z', '2026-01-06T09:00:00Z', '2026-01-07T09:00:00Z', '2026-01-08T09:00:00Z', '2026-01-12T09:00:00Z', '2026-01-13T09:00:00Z'];
    const janContact = [1, 2, 3, 4, 5, 10];
    for (const [i, at] of jan.entries()) {
      const contact = janContact[i];
      await refer(db, linde, {
        at,
        referrer: i < 5 ? 'agb-111' : 'agb-222',
        reasons: ['eenzaamheid'],
        statuses:
          contact === undefined
            ? [['received', 0.5], ['declined', 1, { reason: 'Geen plek' }]]
            : [['received', 0.5], ['contacted', contact], ...(i < 5 ? [['started', contact + 3, { activityId: A }] as [string, number, { activityId: string }]] : [])],
      });
    }
    // February (3 in Utrecht, 1 in Zeist).
    await refer(db, linde, { at: '2026-02-03T09:00:00Z', referrer: 'agb-222', reasons: ['geldzorgen'], statuses: [['received', 1], ['contacted', 2]] });
    await refer(db, linde, { at: '2026-02-04T09:00:00Z', referrer: 'agb-222', reasons: ['geldzorgen'], statuses: [['received', 1], ['contacted', 4]] });
    await refer(db, linde, { at: '2026-02-05T09:00:00Z', referrer: 'agb-222', reasons: ['geldzorgen'], statuses: [['received', 1], ['declined', 2, { reason: ' geen PLEK ' }]] });
    await refer(db, zeist, { at: '2026-02-10T09:00:00Z', referrer: 'agb-444', gemeente: 'Zeist' });
    // March (6): five contacted, three of them started the (now paused) walk; one never received.
    const marContact = [1, 1, 2, 3, 8];
    for (let i = 0; i < 6; i++) {
      const contact = marContact[i];
      await refer(db, sport, {
        at: `2026-03-${String(10 + i).padStart(2, '0')}T09:00:00Z`,
        referrer: 'agb-333',
        reasons: ['eenzaamheid', 'stress'],
        statuses: contact === undefined ? [] : [['received', 0.5], ['contacted', contact], ...(i < 3 ? [['started', contact + 1, { activityId: B }] as [string, number, { activityId: string }]] : [])],
      });
    }
    // 31 March 22:30 UTC is 1 April in Amsterdam.
    await refer(db, sport, { at: '2026-03-31T22:30:00Z', referrer: 'agb-333', reasons: ['stress'] });
    await namePractice(db, 'agb-333', 'Gezondheidscentrum Oost');

    const viewer = await upsertUser(db, { email: 'monitor@utrecht.example', role: 'gemeente_viewer', gemeente: 'Utrecht' });
    viewerToken = (await createMonitorToken(db, viewer.id)).token;
    viewerSession = await createSession(db, viewer.id, now);
    const editor = await upsertUser(db, { email: 'coach@delinde.example', role: 'editor', organisationId: linde.id });
    editorSession = await createSession(db, editor.id, now);
    const operator = await upsertUser(db, { email: 'beheer@kaart.example', role: 'operator' });
    operatorSession = await createSession(db, operator.id, now);
  });
  afterAll(async () => {
    await portal?.close();
  });

  const get = (query: string, auth: { token?: string; session?: string } = { token: viewerToken }) =>
    fetch(`${portal.url}/v1/monitor${query}`, {
      headers: { ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}), ...(auth.session ? { cookie: `sk_session=${auth.session}` } : {}) },
    });
  const report = async (query: string, auth?: { token?: string; session?: string }) => {
    const res = await get(query, auth);
    expect(res.status).toBe(200);
    return (await res.json()) as any;
  };

  it('counts the first quarter in Utrecht exactly, suppressing small cells and the cells a total would reveal', async () => {
    const r = await report('?from=2026-01-01&to=2026-03-31&gemeente=Utrecht');
    expect(r.period).toEqual({ from: '2026-01-01', to: '2026-03-31', gemeente: 'Utrecht' });
    const f = r.referrals;
    expect(f.total).toBe(16);
    // 7, 3, 6 over a shown 16: the 3 is small, and 16 − 7 would reveal it, so the 6 is hidden too.
    expect(f.perMonth).toEqual([
      { month: '2026-01', count: 7 },
      { month: '2026-02', count: S },
      { month: '2026-03', count: S },
    ]);
    expect(f.byReason).toEqual([
      { reason: 'eenzaamheid', label: 'Eenzaamheid', count: 13 },
      { reason: 'geldzorgen', label: expect.any(String), count: S },
      { reason: 'stress', label: expect.any(String), count: 6 },
    ]);
    // Letters in order of each practice's first referral ever (agb-444 in Zeist was first); agb-333 was named.
    expect(f.byPractice).toEqual([
      { practice: 'praktijk B', count: 5 },
      { practice: 'praktijk C', count: 5 },
      { practice: 'Gezondheidscentrum Oost', count: 6 },
    ]);
    expect(f.funnel).toEqual([
      { stage: 'sent', count: 16 },
      { stage: 'received', count: 15 },
      { stage: 'contacted', count: 13 },
      { stage: 'started', count: 8 },
    ]);
    // Two declines, "Geen plek" and " geen PLEK ": folded into "other" (free text under 5), and the total of 2 is small.
    expect(f.declined).toEqual({ total: S, byReason: [{ reason: '(overig)', count: S }] });
    // January: 1,2,3,4,5,10 days → median 3.5, p90 5 + 0.5 × (10 − 5) = 7.5. March: 1,1,2,3,8 → 2 and 3 + 0.6 × 5 = 6.
    expect(f.firstContactDays).toEqual([
      { month: '2026-01', contacted: 6, median: 3.5, p90: 7.5 },
      { month: '2026-02', contacted: S, median: S, p90: S },
      { month: '2026-03', contacted: 5, median: 2, p90: 6 },
    ]);
    expect(f.startedByCategory).toEqual([
      { category: 'social_contact', label: 'Ontmoeting', count: 5 },
      { category: 'exercise', label: expect.any(String), count: S },
    ]);
    expect(r.supply).toEqual({
      activities: 2,
      byCategory: [
        { category: 'exercise', label: expect.any(String), count: 1 },
        { category: 'social_contact', label: 'Ontmoeting', count: 1 },
      ],
      byGemeente: [{ gemeente: 'Utrecht', count: 2 }],
      byPostcode: [
        { pc4: '3531', count: 1 },
        { pc4: '3584', count: 1 },
      ],
      welzijnOpRecept: { count: 2, share: 1 },
      stale: { count: 1, share: 0.5, staleDays: 180 },
      organisations: { total: 2, neverConfirmed: 1 },
    });
  });

  it('filters by date in the Netherlands calendar and across gemeenten', async () => {
    const feb = await report('?from=2026-02-01&to=2026-03-31&gemeente=Utrecht');
    // 3 and 6 over a shown 9: the 3 is small, so the only other cell goes too.
    expect(feb.referrals.total).toBe(9);
    expect(feb.referrals.perMonth).toEqual([
      { month: '2026-02', count: S },
      { month: '2026-03', count: S },
    ]);
    const all = await report('?from=2026-01-01&to=2026-04-30', { session: operatorSession });
    // 7, 4, 6, 1: the 4 and the 1 are small and hidden; together they are 5, so nothing else needs to go.
    expect(all.period.gemeente).toBeNull();
    expect(all.referrals.total).toBe(18);
    expect(all.referrals.perMonth).toEqual([
      { month: '2026-01', count: 7 },
      { month: '2026-02', count: S },
      { month: '2026-03', count: 6 },
      { month: '2026-04', count: S },
    ]);
    // 1, 5, 5, 7 over 18: praktijk A's 1 is small, so the smallest shown cell (B's 5) is hidden too.
    expect(all.referrals.byPractice).toEqual([
      { practice: 'praktijk A', count: S },
      { practice: 'praktijk B', count: S },
      { practice: 'praktijk C', count: 5 },
      { practice: 'Gezondheidscentrum Oost', count: 7 },
    ]);
    expect(all.supply).toMatchObject({ activities: 3, byGemeente: [{ gemeente: 'Utrecht', count: 2 }, { gemeente: 'Zeist', count: 1 }], stale: { count: 2, share: 0.667 }, organisations: { total: 3, neverConfirmed: 2 } });
    // January 7 and March 6 (not 6 and 7, as in UTC): 31 Dec 23:30 UTC is January, 31 March 22:30 UTC is April.
  });

  it('exports one tidy CSV table with the same numbers', async () => {
    const res = await get('?from=2026-01-01&to=2026-03-31&gemeente=Utrecht&format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="monitor-2026-01-01-2026-03-31.csv"');
    const lines = (await res.text()).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('measure,dimension,value,suppressed');
    expect(lines).toContain('referrals_total,,16,false');
    expect(lines).toContain('referrals_per_month,2026-01,7,false');
    expect(lines).toContain('referrals_per_month,2026-02,,true');
    expect(lines).toContain('referrals_per_month,2026-03,,true');
    expect(lines).toContain('referrals_by_practice,Gezondheidscentrum Oost,6,false');
    expect(lines).toContain('funnel,started,8,false');
    expect(lines).toContain('first_contact_p90_days,2026-01,7.5,false');
    expect(lines).toContain('first_contact_median_days,2026-02,,true');
    expect(lines).toContain('supply_by_pc4,3584,1,false');
    expect(lines).toContain('organisations_never_confirmed,,1,false');
    expect(lines.every((l) => l.split(',').length === 4)).toBe(true);
  });

  it('shows a gemeente viewer their own gemeente only, in the API and on the page', async () => {
    const own = await report('?from=2026-01-01&to=2026-03-31');
    expect(own.period.gemeente).toBe('Utrecht');
    expect(own.referrals.total).toBe(16);
    expect((await report('?from=2026-01-01&to=2026-03-31&gemeente=utrecht')).referrals.total).toBe(16);
    expect(own.supply.byGemeente).toEqual([{ gemeente: 'Utrecht', count: 2 }]);
    for (const query of ['?gemeente=Zeist', '?gemeente=Zeist&format=csv']) {
      const other = await get(query);
      expect(other.status, query).toBe(403);
      expect(((await other.json()) as any).detail).toBe('A gemeente viewer sees only their own gemeente (Utrecht): leave out gemeente, or ask for Utrecht.');
    }
    const zeist = await report('?from=2026-01-01&to=2026-03-31&gemeente=Zeist', { session: operatorSession });
    expect(zeist.period.gemeente).toBe('Zeist');
    expect(zeist.supply.byGemeente).toEqual([{ gemeente: 'Zeist', count: 1 }]);

    const page = async (query: string) => {
      const res = await fetch(`${portal.url}/monitor${query}`, { headers: { cookie: `sk_session=${viewerSession}` } });
      return { status: res.status, html: await res.text() };
    };
    const shown = await page('?from=2026-01-01&to=2026-03-31');
    expect(shown.status).toBe(200);
    expect(shown.html).toContain('Periode 2026-01-01 tot en met 2026-03-31, gemeente Utrecht.');
    expect(shown.html).toMatch(/<option value="Utrecht" selected="">Utrecht<\/option>/);
    expect(shown.html).not.toContain('Alle gemeenten');
    expect(shown.html).not.toContain('Zeist');
    const refused = await page('?gemeente=Zeist');
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('U ziet alleen de cijfers van uw eigen gemeente: Utrecht.');

    // A viewer from before gemeenten were set (migration 006) sees nothing until the operator sets one.
    const db = portal.database.db;
    const older = await upsertUser(db, { email: 'oud@gemeente.example', role: 'gemeente_viewer', gemeente: 'Zeist' });
    await db.updateTable('users').set({ gemeente: null }).where('id', '=', older.id).execute();
    const olderToken = (await createMonitorToken(db, older.id)).token;
    const none = await get('', { token: olderToken });
    expect(none.status).toBe(403);
    expect(((await none.json()) as any).detail).toContain('No gemeente is set for this gemeente viewer');
    await expect(upsertUser(db, { email: 'zonder@gemeente.example', role: 'gemeente_viewer' })).rejects.toThrow('a gemeente viewer needs a gemeente (zonder@gemeente.example)');
  });

  it('lets operators and gemeente viewers in, refuses editors, and names a bad parameter', async () => {
    const anonymous = await get('', {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');
    expect((await get('', { token: 'skm_made-up' })).status).toBe(401);
    const editor = await get('', { session: editorSession });
    expect(editor.status).toBe(403);
    expect(editor.headers.get('content-type')).toContain('application/problem+json');
    expect((await get('?from=2026-01-01&to=2026-03-31', { session: operatorSession })).status).toBe(200);

    const bad = await get('?from=2026-02-30&to=2026-03-31');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await bad.json()) as any;
    expect(problem.errors).toEqual([expect.objectContaining({ pointer: '/query/from', message: 'from must be a date as YYYY-MM-DD, not "2026-02-30"' })]);
    const reversed = (await (await get('?from=2026-04-01&to=2026-03-31')).json()) as any;
    expect(reversed.errors[0]).toMatchObject({ pointer: '/query/from', message: 'from (2026-04-01) must not be after to (2026-03-31)' });
    expect(((await (await get('?format=xml')).json()) as any).errors[0].pointer).toBe('/query/format');

    const doc = (await (await fetch(`${portal.url}/openapi.json`)).json()) as any;
    expect(doc.paths['/v1/monitor'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['from', 'to', 'gemeente', 'format']);

    const prefix = viewerToken.slice(0, 12);
    expect(await revokeMonitorToken(portal.database.db, prefix)).toHaveLength(1);
    expect((await get('')).status).toBe(401);
  });
});
