// The whole loop over real HTTP: relay → the example intake receiver → status back → GP reads it.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OpenAPIHono } from '@hono/zod-openapi';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIntakeReceiver, type ReceivedReferral } from '../../../examples/intake-receiver/intake-receiver.mjs';
import { createReferralsApp } from '../src/referrals/app.js';
import { createArrayReferralLookup } from '../src/referrals/lookup.js';
import { signBody } from '../src/referrals/signature.js';
import { staticRoutes } from '../src/referrals/routes.js';
import { FileReferralStore } from '../src/referrals/store.js';
import { SECRET_A, activity, captureLogger, listen, postJson, referralBody, trustedReferrer, type CapturedLogger, type Listening } from './referrals/helpers.js';

// Distinctive values that must never reach disk or a log line.
const NAME = 'Xantippe Zwartkruis-Quellinck';
const PHONE = '06 9871 2345';
const EMAIL = 'xantippe.quellinck@voorbeeld.example';
const ADDRESS = 'Kromme Nieuwegracht 999, 3512 HK Utrecht';
const NOTE = 'Sinds het overlijden van haar kanarie Pietje komt zij nauwelijks buiten.';
const REFERRER = 'Dr. Oosterhuis-Vermeulen';

let dir: string;
let servers: Listening[];
let logger: CapturedLogger;
let consoleLines: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sk-referrals-e2e-'));
  servers = [];
  logger = captureLogger();
  consoleLines = [];
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleLines.push(args.map(String).join(' ')));
  }
});
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(servers.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

/** Relay and receiver on loopback, the relay on a file store in `dir`. */
async function start(storeFile = join(dir, 'referrals.jsonl')) {
  // The relay's port must be known before the receiver is configured, and vice versa: route through holders.
  let relayFetch: (r: Request, env?: unknown) => Response | Promise<Response> = () => new Response('starting', { status: 503 });
  const relay = await listen((r, env) => relayFetch(r, env));
  let receiverFetch: (r: Request, env?: unknown) => Response | Promise<Response> = () => new Response('starting', { status: 503 });
  const receiverServer = await listen((r, env) => receiverFetch(r, env));
  servers.push(relay, receiverServer);

  const receiver = createIntakeReceiver({ secret: SECRET_A, organizationId: 'org-a', apiBase: relay.url });
  receiverFetch = receiver.fetch;

  const coach = activity({ id: 'coach-utrecht', title: 'Welzijnscoach Utrecht', isWelzijnscoach: true });
  const act = activity({ id: 'act-1' });
  // The operator's route for org-a: the receiver on loopback (hence the development flag).
  const routes = staticRoutes(new Map([['org-a', { secret: SECRET_A, intakeUrl: `${receiverServer.url}/referrals` }]]));
  const referrer = await trustedReferrer(relay.url);
  const build = async () => {
    const store = await FileReferralStore.open(storeFile);
    const app = new OpenAPIHono();
    app.route(
      '/v1/referrals',
      createReferralsApp({ ...createArrayReferralLookup([coach, act]), store, routes, referrers: referrer.verifier, allowPrivateIntake: true, publicBaseUrl: relay.url, logger }),
    );
    relayFetch = (r, env) => app.fetch(r, env as object | undefined);
    return store;
  };
  let store = await build();
  return {
    relay,
    receiverUrl: receiverServer.url,
    /** A referral POST as the GP's browser sends it, with the HIS's referrer token. */
    refer: async (body: unknown) => fetch(`${relay.url}/v1/referrals`, postJson(body, await referrer.authorization())),
    get store() {
      return store;
    },
    async restart() {
      await store.close();
      store = await build();
    },
  };
}

async function received(receiverUrl: string): Promise<ReceivedReferral[]> {
  return (await (await fetch(`${receiverUrl}/api/referrals`)).json()) as ReceivedReferral[];
}

describe('referral loop over real HTTP', () => {
  it('relays to the intake, the intake reports back, and the GP sees the history', async () => {
    const env = await start();
    const res = await env.refer(referralBody({ target: 'coach', activityId: undefined, postcode: '3512 AB' }));
    expect(res.status).toBe(202);
    const created = (await res.json()) as { referralId: string; statusUrl: string; target: { title: string } };
    expect(created.target.title).toBe('Welzijnscoach Utrecht');

    const [entry] = await received(env.receiverUrl);
    expect(entry!.referral).toMatchObject({ referralId: created.referralId, targetType: 'coach', activity: { id: 'coach-utrecht' }, statusUrl: `${env.relay.url}/v1/referrals/${created.referralId}/status` });

    // The provider reports back: once as an API call, once through the page's form.
    const api = await fetch(`${env.receiverUrl}/referrals/${created.referralId}/status`, postJson({ status: 'received' }));
    expect(api.status).toBe(200);
    const form = await fetch(`${env.receiverUrl}/referrals/${created.referralId}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      body: new URLSearchParams({ status: 'contacted', reason: 'Gebeld; kennismaking op dinsdag' }),
      redirect: 'manual',
    });
    expect(form.status).toBe(303);

    const view = (await (await fetch(created.statusUrl)).json()) as { status: string; history: Array<{ status: string; reason?: string }> };
    expect(view.status).toBe('contacted');
    expect(view.history.map((h) => h.status)).toEqual(['sent', 'received', 'contacted']);
    expect(view.history[2]!.reason).toBe('Gebeld; kennismaking op dinsdag');
    expect((await received(env.receiverUrl))[0]!.statuses.map((s) => [s.status, s.ok])).toEqual([
      ['received', true],
      ['contacted', true],
    ]);

    // Without the token the status is not there.
    expect((await fetch(created.statusUrl.replace(/\?token=.*/, ''))).status).toBe(404);
  });

  it('keeps referrals, statuses and seen signatures across a restart of the API', async () => {
    const env = await start();
    const created = (await (await env.refer(referralBody())).json()) as { referralId: string; statusUrl: string };
    const statusPath = `${env.relay.url}/v1/referrals/${created.referralId}/status`;
    const raw = JSON.stringify({ status: 'started', referralId: created.referralId });
    const ts = Math.floor(Date.now() / 1000);
    const signed = postJson(raw, { 'X-SK-Timestamp': String(ts), 'X-SK-Signature': signBody(SECRET_A, raw, ts) });
    expect((await fetch(statusPath, signed)).status).toBe(200);

    await env.restart();

    const view = (await (await fetch(created.statusUrl)).json()) as { status: string; history: Array<{ status: string }> };
    expect(view.status).toBe('started');
    expect(view.history.map((h) => h.status)).toEqual(['sent', 'started']);
    // The replay window outlives the process.
    expect((await fetch(statusPath, signed)).status).toBe(409);
    // And the intake can still report.
    expect((await fetch(`${env.receiverUrl}/referrals/${created.referralId}/status`, postJson({ status: 'closed' }))).status).toBe(200);
    expect(((await (await fetch(created.statusUrl)).json()) as { status: string }).status).toBe('closed');
  });

  it('keeps no patient details in the store files or the logs', async () => {
    const env = await start();
    const body = referralBody({
      note: NOTE,
      patient: { name: NAME, contactPreference: 'phone', phone: PHONE, email: EMAIL, address: ADDRESS },
      referrer: { name: REFERRER, practice: 'Huisartsenpraktijk Lombok' },
    });
    const created = (await (await env.refer(body)).json()) as { referralId: string; statusUrl: string };
    // A failing delivery and an invalid request log too.
    await env.refer({ ...body, consent: false });
    expect((await fetch(`${env.receiverUrl}/referrals/${created.referralId}/status`, postJson({ status: 'received' }))).status).toBe(200);
    await env.restart();
    await env.store.close();

    // The provider did get everything: the test would be empty otherwise.
    const [entry] = await received(env.receiverUrl);
    expect(entry!.referral.patient).toEqual({ name: NAME, contactPreference: 'phone', phone: PHONE, email: EMAIL, address: ADDRESS });
    expect(entry!.referral.note).toBe(NOTE);

    const files = readdirSync(dir);
    expect(files.length).toBeGreaterThan(0);
    const stored = files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    expect(stored).toContain(created.referralId);
    // The referring practice (the token's sub) is kept with the referral: it is not patient data.
    expect(stored).toContain('AGB-01234567');
    expect(logger.lines.join('\n')).toContain(created.referralId);
    for (const haystack of [stored, logger.lines.join('\n'), consoleLines.join('\n')]) {
      for (const secret of [NAME, 'Xantippe', 'Quellinck', PHONE, PHONE.replaceAll(' ', ''), EMAIL, ADDRESS, 'Kromme Nieuwegracht', NOTE, 'kanarie', REFERRER, 'Lombok']) {
        expect(haystack).not.toContain(secret);
      }
    }
  });
});
