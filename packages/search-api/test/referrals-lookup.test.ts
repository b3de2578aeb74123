import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openReferralStore, referralConfigFromEnv } from '../src/referrals/config.js';
import { firstRoute, parseReferralRoutes, staticRoutes } from '../src/referrals/routes.js';
import { createArrayReferralLookup, pickWelzijnscoach } from '../src/referrals/lookup.js';
import { FileReferralStore, MemoryReferralStore } from '../src/referrals/store.js';
import { SECRET_A, SECRET_B, activity, referrerKeyPair, referrerToken } from './referrals/helpers.js';

const at = (gemeente: string, lat: number, lng: number) => ({
  location: { name: null, street: null, postcode: null, city: gemeente, gemeente },
  gemeente,
  _geo: { lat, lng },
  isWelzijnscoach: true,
});

describe('pickWelzijnscoach', () => {
  const utrecht = activity({ id: 'c-utrecht', ...at('Utrecht', 52.0907, 5.1214) });
  const zeist = activity({ id: 'c-zeist', ...at('Zeist', 52.0893, 5.2366) });
  const notCoach = activity({ id: 'a-zeist', ...at('Zeist', 52.0864, 5.244), isWelzijnscoach: false });
  const closed = activity({ id: 'c-closed', ...at('Zeist', 52.0864, 5.244), status: 'temporarily_closed' });
  const noReferrals = activity({ id: 'c-noref', ...at('Zeist', 52.0864, 5.244), acceptsWelzijnOpRecept: false });
  const all = [utrecht, zeist, notCoach, closed, noReferrals];

  it('prefers a coach in the postcode\'s own place, then the nearest active one that accepts referrals', () => {
    expect(pickWelzijnscoach(all, '3701 AB')?.id).toBe('c-zeist');
    expect(pickWelzijnscoach(all, '3511')?.id).toBe('c-utrecht');
    // A coach of the same place wins even when another is nearer.
    const farButSamePlace = activity({ id: 'c-utrecht-far', ...at('Utrecht', 52.2, 5.3) });
    const nearOther = activity({ id: 'c-near', ...at('Elders', 52.0885, 5.1176) });
    expect(pickWelzijnscoach([nearOther, farButSamePlace], '3511')?.id).toBe('c-utrecht-far');
  });

  it('gives up beyond the distance limit or for an unknown postcode', () => {
    expect(pickWelzijnscoach(all, '1011')).toBeNull();
    expect(pickWelzijnscoach(all, '3811', { maxDistanceKm: 5 })).toBeNull();
    expect(pickWelzijnscoach(all, '3811', { maxDistanceKm: 50 })?.id).toBe('c-zeist');
    expect(pickWelzijnscoach(all, '9999')).toBeNull();
    expect(pickWelzijnscoach([notCoach, closed, noReferrals], '3701')).toBeNull();
  });

  it('backs the in-memory lookup', async () => {
    const lookup = createArrayReferralLookup(all);
    expect((await lookup.lookupActivity('c-zeist'))?.id).toBe('c-zeist');
    expect(await lookup.lookupActivity('x')).toBeNull();
    expect((await lookup.findWelzijnscoach('3701'))?.id).toBe('c-zeist');
  });
});

describe('referral configuration', () => {
  const route = (secret: string, intakeUrl = 'https://intake.example.nl/referrals') => ({ secret, intakeUrl });

  it('parses routes, each with its own intake, and refuses short secrets', () => {
    expect(parseReferralRoutes(JSON.stringify({ 'org-a': route(SECRET_A) })).get('org-a')).toEqual(route(SECRET_A));
    expect(() => parseReferralRoutes(JSON.stringify({ 'org-a': route('short') }))).toThrow(/"org-a".*32/);
    expect(() => parseReferralRoutes('["x"]')).toThrow(/JSON object/);
    expect(() => parseReferralRoutes('nope')).toThrow(/JSON object/);
    expect(() => parseReferralRoutes(JSON.stringify({ x: { secret: SECRET_A, intakeUrl: 'javascript:alert(1)' } }))).toThrow(/referral route "x": intakeUrl must be an https URL/);
  });

  it.each([
    ['a bare secret for an organisation', { 'org-a': SECRET_A }, /"org-a".*intakeUrl/],
    ['a "*" route without intakeUrl', { '*': { secret: SECRET_B } }, /referral route "\*" has no intakeUrl/],
    ['an http intake without the development flag', { 'org-a': route(SECRET_A, 'http://intake.example.nl/r') }, /"org-a": intakeUrl must be https/],
  ])('refuses %s, naming the entry', (_what, routes, message) => {
    expect(() => parseReferralRoutes(JSON.stringify(routes))).toThrow(message);
  });

  it('routes an organisation to its own entry, else to "*"', async () => {
    const routes = staticRoutes(parseReferralRoutes(JSON.stringify({ 'org-a': route(SECRET_A), '*': route(SECRET_B, 'https://intake.regio.example/referrals') })));
    expect(await routes.routeFor('org-a')).toEqual(route(SECRET_A));
    expect(await routes.routeFor('org-z')).toEqual(route(SECRET_B, 'https://intake.regio.example/referrals'));
    const chained = firstRoute(staticRoutes(new Map()), routes);
    expect(await chained.routeFor('org-a')).toEqual(route(SECRET_A));
    expect(await firstRoute(staticRoutes(new Map())).routeFor('org-a')).toBeUndefined();
  });

  it('reads the environment: routes and keys from files, and refuses routes without referrer keys', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sk-ref-config-'));
    try {
      const file = join(dir, 'routes.json');
      writeFileSync(file, JSON.stringify({ 'org-file': route(SECRET_A, 'http://127.0.0.1:9/r') }));
      const jwksFile = join(dir, 'jwks.json');
      const key = await referrerKeyPair();
      writeFileSync(jwksFile, JSON.stringify({ keys: [key.publicJwk] }));
      const env = { SK_REFERRAL_SECRETS_FILE: file, SK_REFERRAL_SECRETS: '{}', SK_PUBLIC_BASE_URL: 'https://api.example.nl/', SK_REFERRAL_STORE: join(dir, 'r.jsonl'), SK_REFERRAL_ALLOW_PRIVATE_INTAKE: '1', SK_REFERRER_JWKS_FILE: jwksFile };
      const config = referralConfigFromEnv(env, { defaultPublicBaseUrl: 'http://127.0.0.1:8787' });
      expect((await config.routes.routeFor('org-file'))?.secret).toBe(SECRET_A);
      expect(await config.routes.routeFor('other')).toBeUndefined();
      expect(config).toMatchObject({ publicBaseUrl: 'https://api.example.nl', storePath: join(dir, 'r.jsonl'), allowPrivateIntake: true, organizations: ['org-file'] });
      expect(await config.referrers!.verify(await referrerToken(key, { audience: 'https://api.example.nl' }))).toEqual({ practice: 'AGB-01234567' });

      const defaults = referralConfigFromEnv({}, { defaultPublicBaseUrl: 'http://127.0.0.1:8787' });
      expect(defaults).toMatchObject({ publicBaseUrl: 'http://127.0.0.1:8787', storePath: undefined, allowPrivateIntake: false, organizations: [], referrers: undefined });
      expect(() => referralConfigFromEnv({ SK_PUBLIC_BASE_URL: 'ftp://x' }, { defaultPublicBaseUrl: 'http://x' })).toThrow(/SK_PUBLIC_BASE_URL/);
      expect(() => referralConfigFromEnv({ ...env, SK_REFERRER_JWKS_FILE: undefined }, { defaultPublicBaseUrl: 'http://x' })).toThrow(/no referrer keys.*SK_REFERRER_JWKS_FILE/);
      expect(() => referralConfigFromEnv({ ...env, SK_REFERRAL_ALLOW_PRIVATE_INTAKE: undefined }, { defaultPublicBaseUrl: 'http://x' })).toThrow(/"org-file": intakeUrl must be https/);
      writeFileSync(jwksFile, JSON.stringify({ keys: [{ ...key.publicJwk, d: 'secret' }] }));
      expect(() => referralConfigFromEnv(env, { defaultPublicBaseUrl: 'http://x' })).toThrow(/SK_REFERRER_JWKS_FILE: holds a private key/);
      expect(() => referralConfigFromEnv({ ...env, SK_REFERRER_JWKS_FILE: join(dir, 'missing.json') }, { defaultPublicBaseUrl: 'http://x' })).toThrow(/SK_REFERRER_JWKS_FILE: cannot read/);
      expect(() => referralConfigFromEnv({ ...env, SK_REFERRER_JWKS_FILE: undefined, SK_REFERRER_JWKS_URL: 'ftp://his.example' }, { defaultPublicBaseUrl: 'http://x' })).toThrow(/SK_REFERRER_JWKS_URL must be an https URL/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('opens a file store for a path and a memory store without', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sk-ref-store-'));
    try {
      const file = await openReferralStore(join(dir, 'r.jsonl'));
      expect(file).toBeInstanceOf(FileReferralStore);
      await file.close();
      expect(await openReferralStore(undefined)).toBeInstanceOf(MemoryReferralStore);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
