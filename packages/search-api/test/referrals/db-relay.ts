/**
 * The relay on a real database, as the API wires it (storage.ts): the database store, the
 * operator's routes layered with the organisations' own, their sealing keys, and the
 * referral-key route, all inside createApp. Organisations and activities are made per test.
 */
import { Hono } from 'hono';
import { createOrganisation, importDataKey, newDataKeyText, newWebhookSecret, setReceiveMode, setReferralKey, setWebhookUrl, approveWebhook, type DataKey, type Db } from '@sociale-kaart/db';
import { generateExtractableKeyPair, type ReferralKeyPair } from '@sociale-kaart/sealing';
import type { Activity } from '@sociale-kaart/schema';
import { createApp } from '../../src/app.js';
import { defaultConfig } from '../../src/config.js';
import { createReferralsApp } from '../../src/referrals/app.js';
import { databaseReferralKeys, databaseRoutes } from '../../src/referrals/db-routes.js';
import { DbReferralStore } from '../../src/referrals/db-store.js';
import { createArrayReferralLookup } from '../../src/referrals/lookup.js';
import { createReferralKeyApp } from '../../src/referrals/referral-key.js';
import { operatorFirst, type WebhookRoute } from '../../src/referrals/routes.js';
import { stubBackend } from '../stub-backend.js';
import { captureLogger, listen, postJson, trustedReferrer, type CapturedLogger, type Listening } from './helpers.js';

export const AUDIENCE = 'http://api.test';

export interface DbRelay {
  request(path: string, init?: RequestInit): Promise<Response>;
  /** POST /v1/referrals with a valid referrer token. */
  refer(body: unknown): Promise<Response>;
  logger: CapturedLogger;
  /** Every line the app logged about requests. */
  requestLines: string[];
}

export async function dbRelay(db: Db, activities: Activity[], { operatorRoutes = new Map<string, WebhookRoute>(), dataKey }: { operatorRoutes?: Map<string, WebhookRoute>; dataKey?: DataKey } = {}): Promise<DbRelay> {
  const referrer = await trustedReferrer(AUDIENCE);
  const logger = captureLogger();
  const requestLines: string[] = [];
  const referrals = createReferralsApp({
    ...createArrayReferralLookup(activities),
    store: new DbReferralStore(db),
    routes: operatorFirst(operatorRoutes, databaseRoutes(db, { dataKey, logger })),
    keys: databaseReferralKeys(db, { logger }),
    referrers: referrer.verifier,
    allowPrivateIntake: true,
    publicBaseUrl: AUDIENCE,
    logger,
    delivery: { attempts: 1, baseDelayMs: 10, maxDelayMs: 40, timeoutMs: 2000 },
    rateLimit: { create: false, status: false },
  });
  const app = createApp({
    backend: stubBackend,
    config: defaultConfig({ rateLimitPerSecond: 0, corsOrigins: ['https://his.example'] }),
    referrals,
    organizations: createReferralKeyApp({ keys: databaseReferralKeys(db, { logger }), publicBaseUrl: AUDIENCE, logger }),
    publicUrl: AUDIENCE,
    log: (line) => void requestLines.push(JSON.stringify(line)),
  });
  const request = async (path: string, init?: RequestInit) => app.request(path, init);
  return {
    request,
    refer: async (body) => request('/v1/referrals', postJson(body, await referrer.authorization())),
    logger,
    requestLines,
  };
}

/** A verified organisation that receives in the hosted inbox, with a key pair (or none). */
export async function inboxOrganisation(db: Db, name: string, { withKey = true, verified = true } = {}): Promise<{ id: string; key: ReferralKeyPair | undefined }> {
  const org = await createOrganisation(db, { name, verified, phone: '030 999 0000' });
  await setReceiveMode(db, org.id, 'inbox');
  if (!withKey) return { id: org.id, key: undefined };
  const key = await generateExtractableKeyPair();
  await setReferralKey(db, org.id, key.kid, key.publicJwk);
  return { id: org.id, key };
}

/** A real intake on loopback that records what it gets. */
export async function recordingIntake(): Promise<Listening & { intakeUrl: string; hits: Array<{ headers: Record<string, string>; body: string }> }> {
  const hits: Array<{ headers: Record<string, string>; body: string }> = [];
  const app = new Hono();
  app.post('/referrals', async (c) => {
    hits.push({ headers: Object.fromEntries(c.req.raw.headers), body: await c.req.text() });
    return c.json({ ok: true }, 202);
  });
  const server = await listen(app.fetch);
  return { ...server, intakeUrl: `${server.url}/referrals`, hits };
}

/** A verified organisation on its own webhook, approved by the operator; answers its secret. */
export async function webhookOrganisation(db: Db, name: string, intakeUrl: string, dataKey: DataKey): Promise<{ id: string; secret: string }> {
  const org = await createOrganisation(db, { name, verified: true });
  await setReceiveMode(db, org.id, 'webhook');
  await setWebhookUrl(db, org.id, intakeUrl);
  const secret = (await newWebhookSecret(db, dataKey, org.id))!;
  await approveWebhook(db, org.id);
  return { id: org.id, secret };
}

export const freshDataKey = () => importDataKey(newDataKeyText());
