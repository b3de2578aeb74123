import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signBody, signatureDigest, signatureHeaders, verifySignature } from '../src/referrals/signature.js';
import { sign as exampleSign, signedHeaders as exampleHeaders, verify as exampleVerify } from '../../../examples/intake-receiver/signature.mjs';
import { SECRET_A, SECRET_B } from './referrals/helpers.js';

const body = '{"referralId":"r1","status":"received"}';
const now = new Date('2026-03-01T12:00:00Z');
const ts = Math.floor(now.getTime() / 1000);

describe('referral signatures', () => {
  it('signs "<timestamp>.<body>" with HMAC-SHA256 as sha256=<hex>', () => {
    const expected = createHmac('sha256', SECRET_A).update(`${ts}.${body}`).digest('hex');
    expect(signBody(SECRET_A, body, ts)).toBe(`sha256=${expected}`);
    expect(signatureHeaders(SECRET_A, body, now)).toEqual({ 'X-SK-Timestamp': String(ts), 'X-SK-Signature': `sha256=${expected}` });
  });

  it('accepts a fresh signature made with the same secret', () => {
    const signature = signBody(SECRET_A, body, ts);
    expect(verifySignature({ secret: SECRET_A, body, timestamp: String(ts), signature, now })).toEqual({ ok: true, timestamp: ts });
    // Upper-case hex and clock skew within the window are fine.
    expect(verifySignature({ secret: SECRET_A, body, timestamp: ts + 30, signature: signBody(SECRET_A, body, ts + 30).toUpperCase().replace('SHA256=', 'sha256='), now }).ok).toBe(true);
    expect(verifySignature({ secret: SECRET_A, body, timestamp: ts - 299, signature: signBody(SECRET_A, body, ts - 299), now }).ok).toBe(true);
  });

  it('refuses a wrong secret, a changed body or a changed timestamp', () => {
    const signature = signBody(SECRET_A, body, ts);
    expect(verifySignature({ secret: SECRET_B, body, timestamp: ts, signature, now })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature({ secret: SECRET_A, body: body.replace('received', 'closed'), timestamp: ts, signature, now })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature({ secret: SECRET_A, body, timestamp: ts - 1, signature, now })).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('refuses timestamps older than the window or too far in the future, even with a correct MAC', () => {
    const old = ts - 301;
    expect(verifySignature({ secret: SECRET_A, body, timestamp: old, signature: signBody(SECRET_A, body, old), now })).toEqual({ ok: false, reason: 'expired' });
    const future = ts + 61;
    expect(verifySignature({ secret: SECRET_A, body, timestamp: future, signature: signBody(SECRET_A, body, future), now })).toEqual({ ok: false, reason: 'future' });
    expect(verifySignature({ secret: SECRET_A, body, timestamp: ts - 50, signature: signBody(SECRET_A, body, ts - 50), now, maxAgeSeconds: 10 }).ok).toBe(false);
  });

  it('tells missing from malformed headers', () => {
    expect(verifySignature({ secret: SECRET_A, body, timestamp: undefined, signature: 'sha256=00', now })).toEqual({ ok: false, reason: 'missing' });
    expect(verifySignature({ secret: SECRET_A, body, timestamp: ts, signature: '', now })).toEqual({ ok: false, reason: 'missing' });
    expect(verifySignature({ secret: SECRET_A, body, timestamp: '12.5', signature: signBody(SECRET_A, body, ts), now })).toEqual({ ok: false, reason: 'malformed' });
    expect(verifySignature({ secret: SECRET_A, body, timestamp: ts, signature: 'sha1=abcdef', now })).toEqual({ ok: false, reason: 'malformed' });
    expect(verifySignature({ secret: SECRET_A, body, timestamp: ts, signature: `sha256=${'0'.repeat(63)}`, now })).toEqual({ ok: false, reason: 'malformed' });
  });

  it('remembers signatures as a hash, not verbatim', () => {
    const signature = signBody(SECRET_A, body, ts);
    expect(signatureDigest(signature)).toMatch(/^[0-9a-f]{64}$/);
    expect(signatureDigest(signature)).not.toContain(signature.slice(7));
    expect(signatureDigest(signature)).toBe(signatureDigest(` ${signature.toUpperCase().replace('SHA256', 'sha256')} `));
  });

  it('matches the hand-written provider code in examples/intake-receiver', () => {
    expect(exampleSign(SECRET_A, body, ts)).toBe(signBody(SECRET_A, body, ts));
    expect(exampleVerify({ secret: SECRET_A, body, timestamp: String(ts), signature: signBody(SECRET_A, body, ts), now }).ok).toBe(true);
    expect(exampleVerify({ secret: SECRET_B, body, timestamp: String(ts), signature: signBody(SECRET_A, body, ts), now }).ok).toBe(false);
    expect(exampleVerify({ secret: SECRET_A, body, timestamp: String(ts - 301), signature: signBody(SECRET_A, body, ts - 301), now }).ok).toBe(false);
    const headers = exampleHeaders(SECRET_A, body, now);
    expect(verifySignature({ secret: SECRET_A, body, timestamp: headers['x-sk-timestamp'], signature: headers['x-sk-signature'], now }).ok).toBe(true);
  });
});
