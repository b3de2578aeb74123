import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { activitySchema, type Activity, type ActivityInput } from '@sociale-kaart/schema';
import { SignJWT, exportJWK, generateKeyPair, type JWK, type JWTPayload } from 'jose';
import type { Logger } from '../../src/http/log.js';
import { createReferrerVerifier, type ReferrerVerifier } from '../../src/referrals/referrer-token.js';

export const SECRET_A = 'test-secret-of-organisation-a-0123456789';
export const SECRET_B = 'test-secret-of-organisation-b-9876543210';

let counter = 0;
/** A valid activity document; override what a test is about. */
export function activity(overrides: Partial<ActivityInput> = {}): Activity {
  counter++;
  return activitySchema.parse({
    id: `act-${counter}`,
    serviceId: `svc-${counter}`,
    source: 'test',
    sourceRecordId: String(counter),
    lastModified: '2026-01-01T00:00:00Z',
    lastModifiedTs: Date.parse('2026-01-01T00:00:00Z'),
    title: `Activiteit ${counter}`,
    summary: 'Samen koffie drinken.',
    description: 'Samen koffie drinken in het buurthuis.',
    organization: { id: 'org-a', name: 'Welzijn A' },
    categories: ['social_contact'],
    needs: ['eenzaamheid'],
    categoryLabels: ['Ontmoeting'],
    needLabels: ['Eenzaamheid'],
    categorySource: 'feed',
    pgDimensions: ['meedoen'],
    domains4d: ['sociaal'],
    audience: ['ouderen'],
    schedules: [],
    days: [],
    partsOfDay: [],
    location: { name: 'Buurthuis', street: 'Straat 1', postcode: '3511 AB', city: 'Utrecht', gemeente: 'Utrecht' },
    gemeente: 'Utrecht',
    _geo: { lat: 52.0884, lng: 5.1175 },
    online: false,
    free: true,
    phone: '030 123 4567',
    email: 'info@welzijn-a.example',
    acceptsWelzijnOpRecept: true,
    referralRequired: false,
    isWelzijnscoach: false,
    intake: { url: 'http://127.0.0.1:9/referrals', email: 'intake@welzijn-a.example' },
    status: 'active',
    ...overrides,
  });
}

export interface Listening {
  url: string;
  close(): Promise<void>;
}

/** Serves a fetch handler over real HTTP on a free loopback port. */
export function listen(fetch: (request: Request, env?: unknown) => Response | Promise<Response>): Promise<Listening> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            // Keep-alive sockets from fetch would hold close() open.
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

export interface CapturedLogger extends Logger {
  lines: string[];
}

export function captureLogger(): CapturedLogger {
  const lines: string[] = [];
  const push = (level: string) => (event: string, fields?: Record<string, unknown>) => void lines.push(JSON.stringify({ level, event, ...fields }));
  return { lines, info: push('info'), warn: push('warn'), error: push('error') };
}

/** A valid referral body to an activity. */
export function referralBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    target: 'activity',
    activityId: 'act-1',
    reasons: ['eenzaamheid'],
    note: 'Komt weinig buiten.',
    patient: { name: 'J. Jansen', contactPreference: 'phone', phone: '06 1234 5678' },
    consent: true,
    referrer: { name: 'Dr. Huisarts', practice: 'Praktijk Centrum' },
    ...overrides,
  };
}

export const postJson = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

export interface ReferrerKeyPair {
  kid: string;
  alg: 'ES256' | 'EdDSA';
  publicJwk: JWK;
  privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
}

/** A HIS backend's signing key, made with jose like a real one. */
export async function referrerKeyPair(alg: 'ES256' | 'EdDSA' = 'ES256', kid = `his-${alg.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}`): Promise<ReferrerKeyPair> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' }, privateKey };
}

/** A referrer token as a HIS backend issues it; override claims or the header to break it. */
export async function referrerToken(
  key: ReferrerKeyPair,
  { audience, claims = {}, lifetimeSeconds = 300, issuedAt = Math.floor(Date.now() / 1000), header = {} }: { audience: string; claims?: JWTPayload; lifetimeSeconds?: number; issuedAt?: number; header?: Record<string, unknown> },
): Promise<string> {
  return new SignJWT({ sub: 'AGB-01234567', ...claims })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT', ...header })
    .setIssuer('https://his.example.nl')
    .setAudience(audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + lifetimeSeconds)
    .sign(key.privateKey);
}

/** One trusted HIS key, the verifier for it, and a ready `Authorization` header. */
export async function trustedReferrer(audience: string): Promise<{ key: ReferrerKeyPair; verifier: ReferrerVerifier; authorization: () => Promise<Record<string, string>> }> {
  const key = await referrerKeyPair();
  const verifier = createReferrerVerifier({ audience, jwks: { keys: [key.publicJwk] } });
  return { key, verifier, authorization: async () => ({ authorization: `Bearer ${await referrerToken(key, { audience })}` }) };
}
