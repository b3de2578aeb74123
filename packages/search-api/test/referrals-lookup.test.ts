import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openReferralStore, parseReferralSecrets, referralConfigFromEnv } from '../src/referrals/config.js';
import { createArrayReferralLookup, pickWelzijnscoach } from '../src/referrals/lookup.js';
import { FileReferralStore, MemoryReferralStore } from '../src/referrals/store.js';
import { SECRET_A, SECRET_B, activity } from './referrals/helpers.js';

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
  it('parses per-organisation secrets and refuses short ones', () => {
    expect(parseReferralSecrets(JSON.stringify({ 'org-a': SECRET_A })).get('org-a')).toBe(SECRET_A);
    expect(() => parseReferralSecrets('{"org-a":"short"}')).toThrow(/org-a.*32/);
    expect(() => parseReferralSecrets('["x"]')).toThrow(/JSON object/);
    expect(() => parseReferralSecrets('nope')).toThrow(/JSON object/);
  });

  it('parses intake routes with an operator intake URL and a "*" route for everyone else', () => {
    const config = referralConfigFromEnv(
      { SK_REFERRAL_SECRETS: JSON.stringify({ 'org-a': SECRET_A, '*': { secret: SECRET_B, intakeUrl: 'https://intake.regio.example/referrals' } }) },
      { defaultPublicBaseUrl: 'http://127.0.0.1:8787' },
    );
    expect(config.secrets('org-a')).toBe(SECRET_A);
    expect(config.intakeUrlFor('org-a')).toBeUndefined();
    expect(config.secrets('org-z')).toBe(SECRET_B);
    expect(config.intakeUrlFor('org-z')).toBe('https://intake.regio.example/referrals');
    expect(() => parseReferralSecrets(JSON.stringify({ x: { secret: SECRET_A, intakeUrl: 'javascript:alert(1)' } }))).toThrow(/intakeUrl of organisation "x"/);
    expect(() => parseReferralSecrets(JSON.stringify({ x: { intakeUrl: 'https://a.example' } }))).toThrow(/"x".*32/);
  });

  it('reads the environment, secrets from a file when given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sk-ref-config-'));
    try {
      const file = join(dir, 'secrets.json');
      writeFileSync(file, JSON.stringify({ 'org-file': SECRET_A }));
      const config = referralConfigFromEnv(
        { SK_REFERRAL_SECRETS_FILE: file, SK_REFERRAL_SECRETS: '{}', SK_PUBLIC_BASE_URL: 'https://api.example.nl/', SK_REFERRAL_STORE: join(dir, 'r.jsonl'), SK_REFERRAL_ALLOW_HTTP_INTAKE: '1' },
        { defaultPublicBaseUrl: 'http://127.0.0.1:8787' },
      );
      expect(config.secrets('org-file')).toBe(SECRET_A);
      expect(config.secrets('other')).toBeUndefined();
      expect(config).toMatchObject({ publicBaseUrl: 'https://api.example.nl', storePath: join(dir, 'r.jsonl'), allowInsecureIntake: true, organizations: ['org-file'] });
      const defaults = referralConfigFromEnv({}, { defaultPublicBaseUrl: 'http://127.0.0.1:8787' });
      expect(defaults).toMatchObject({ publicBaseUrl: 'http://127.0.0.1:8787', storePath: undefined, allowInsecureIntake: false, organizations: [] });
      expect(() => referralConfigFromEnv({ SK_PUBLIC_BASE_URL: 'ftp://x' }, { defaultPublicBaseUrl: 'http://x' })).toThrow(/SK_PUBLIC_BASE_URL/);
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
