import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, upsertUser, openDatabase } from '@sociale-kaart/db';
import { DATABASE_KINDS, useDatabases } from '@sociale-kaart/db/testing';
import { useMeilisearch } from '@sociale-kaart/meili/testing';
import { startMailbox, startPortal, type Mailbox, type RunningPortal } from '../src/index.js';
import { isLoopback } from '../src/pages/session.js';
import { PageClient } from './http-client.js';

const meili = useMeilisearch();

describe.each(DATABASE_KINDS)('sign-in by e-mail link on %s', (kind) => {
  const databases = useDatabases(kind);
  let mailbox: Mailbox;
  let portal: RunningPortal;
  let now = new Date('2026-06-15T10:00:00Z');

  beforeAll(async () => {
    mailbox = await startMailbox();
    const url = await databases.freshUrl();
    const seed = await openDatabase({ url });
    const org = await createOrganisation(seed.db, { name: 'Stichting De Linde', verified: true });
    await upsertUser(seed.db, { email: 'coach@delinde.example', role: 'editor', organisationId: org.id });
    await upsertUser(seed.db, { email: 'beleid@gemeente.example', role: 'gemeente_viewer', gemeente: 'Utrecht' });
    await seed.close();
    portal = await startPortal({ port: 0, databaseUrl: url, meili: { url: meili.url, apiKey: meili.masterKey, index: `portal_signin_${kind}` }, smtpUrl: mailbox.smtpUrl, schedule: false, clock: () => now, log: () => {} });
  });
  afterAll(async () => {
    await portal?.close();
    await mailbox?.close();
  });

  const linkFor = async (client: PageClient, email: string) => {
    await client.get('/aanmelden');
    const before = mailbox.messages().length;
    const mail = mailbox.waitFor((m) => m.to.includes(email) && m.id > before);
    const { res, html } = await client.post('/aanmelden', { email });
    expect(res.status).toBe(200);
    expect(html).toContain('Als dit adres bij ons bekend is');
    const text = (await mail).text;
    const link = /https?:\/\/\S+\/aanmelden\/link\?token=[A-Za-z0-9_%-]+/.exec(text)?.[0];
    expect(link).toBeDefined();
    return new URL(link!);
  };

  it('signs an editor in once with a mailed link, with safe cookies and CSRF on every form', async () => {
    const client = new PageClient(portal.url);
    const link = await linkFor(client, 'coach@delinde.example');
    expect(link.origin).toBe(portal.url);
    const confirm = await client.get(`${link.pathname}${link.search}`);
    expect(confirm.html).toContain('Aanmelden bevestigen');
    const token = link.searchParams.get('token')!;

    // Without the CSRF token the form is refused.
    const forged = await client.post('/aanmelden/link', { token }, 'wrong');
    expect(forged.res.status).toBe(403);

    const signedIn = await client.post('/aanmelden/link', { token });
    expect(signedIn.res.status).toBe(303);
    expect(signedIn.res.headers.get('location')).toBe('/activiteiten');
    const cookie = signedIn.res.headers.getSetCookie().find((c) => c.startsWith('sk_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    // Plain http on loopback: a Secure cookie would never come back, so it is not set Secure there.
    expect(cookie).not.toMatch(/Secure/i);
    const page = await client.get('/activiteiten');
    expect(page.res.status).toBe(200);
    expect(page.html).toContain('Uw activiteiten: Stichting De Linde');
    expect(page.html).toContain('name="_csrf"');

    // The same link again: it says so, and offers a new one.
    const other = new PageClient(portal.url);
    await other.get('/aanmelden');
    const reused = await other.post('/aanmelden/link', { token });
    expect(reused.res.status).toBe(400);
    expect(reused.html).toContain('Deze link is al gebruikt');
    expect(reused.html).toContain('action="/aanmelden"');

    // A stale link gets a page for people and problem+json for systems.
    const missing = await client.request('/activiteiten/bestaat-niet-meer/iets', { headers: { accept: 'text/html' } });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Deze pagina bestaat niet');
    const apiMissing = await client.request('/v1/nothing');
    expect(apiMissing.headers.get('content-type')).toContain('application/problem+json');

    // Sign out ends the session.
    await client.post('/afmelden', {});
    expect((await client.get('/activiteiten')).res.headers.get('location')).toBe('/aanmelden');
  });

  it('says an expired link has expired, in English too, and never reveals unknown addresses', async () => {
    const client = new PageClient(portal.url);
    const link = await linkFor(client, 'coach@delinde.example');
    now = new Date(now.getTime() + 16 * 60 * 1000);
    await client.get('/aanmelden?lang=en');
    const expired = await client.post('/aanmelden/link', { token: link.searchParams.get('token')! });
    expect(expired.res.status).toBe(400);
    expect(expired.html).toContain('This link has expired');
    expect(expired.html).toContain('lang="en"');

    const before = mailbox.messages().length;
    const unknown = await client.post('/aanmelden', { email: 'niemand@nergens.example' });
    expect(unknown.html).toContain('If we know this address');
    expect(mailbox.messages().length).toBe(before);
    const invalid = await client.post('/aanmelden', { email: 'geen adres' });
    expect(invalid.res.status).toBe(400);
    expect(invalid.html).toContain('Enter a valid e-mail address');
  });

  it('gives roles their own pages: editors their organisation, gemeente viewers the overview', async () => {
    const viewer = new PageClient(portal.url);
    const link = await linkFor(viewer, 'beleid@gemeente.example');
    const signedIn = await viewer.post('/aanmelden/link', { token: link.searchParams.get('token')! });
    expect(signedIn.res.headers.get('location')).toBe('/overzicht');
    const overview = await viewer.get('/overzicht');
    expect(overview.html).toContain('Stichting De Linde');
    expect((await viewer.get('/activiteiten')).res.status).toBe(403);

    const editor = new PageClient(portal.url);
    const editorLink = await linkFor(editor, 'coach@delinde.example');
    await editor.post('/aanmelden/link', { token: editorLink.searchParams.get('token')! });
    expect((await editor.get('/overzicht')).res.status).toBe(403);
  });
});

describe('cookies', () => {
  it('are Secure everywhere except on loopback, where browsers would drop them over plain http', () => {
    expect(['http://127.0.0.1:8790', 'http://localhost:3000', 'http://[::1]:8790'].map(isLoopback)).toEqual([true, true, true]);
    expect(['https://portaal.sociale-kaart.nl', 'http://192.168.1.5:8790', 'not a url'].map(isLoopback)).toEqual([false, false, false]);
  });
});
