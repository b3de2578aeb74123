/**
 * Signed webhooks between the relay and a provider's intake, in both directions.
 *
 * The signed string is `${timestamp}.${rawBody}`: the timestamp (unix seconds) is part of
 * what is signed, so an old request cannot be re-dated, and the body is taken byte for byte
 * as sent, so verifiers must check the raw body before parsing it.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'X-SK-Timestamp';
export const SIGNATURE_HEADER = 'X-SK-Signature';
/** How old a signed request may be. */
export const DEFAULT_MAX_AGE_SECONDS = 300;
/** How far a sender's clock may run ahead of ours. */
export const DEFAULT_MAX_FUTURE_SECONDS = 60;

const SIGNATURE_FORMAT = /^sha256=([0-9a-f]{64})$/;
const TIMESTAMP_FORMAT = /^[0-9]{1,12}$/;

/** `sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>` */
export function signBody(secret: string, body: string, timestamp: number | string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
  return `sha256=${mac}`;
}

/** The two headers for a signed request, with the timestamp taken from `now`. */
export function signatureHeaders(secret: string, body: string, now: Date = new Date()): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return { [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: signBody(secret, body, timestamp) };
}

export type SignatureFailure = 'missing' | 'malformed' | 'expired' | 'future' | 'mismatch';
export type SignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: SignatureFailure };

export interface VerifySignatureInput {
  secret: string;
  /** The raw request body, exactly as received. */
  body: string;
  /** Value of X-SK-Timestamp. */
  timestamp: string | number | null | undefined;
  /** Value of X-SK-Signature. */
  signature: string | null | undefined;
  now?: Date;
  maxAgeSeconds?: number;
  maxFutureSeconds?: number;
}

/**
 * Checks the timestamp window first (cheap, and it must hold even for a correct MAC), then the
 * MAC in constant time. Replay protection is the caller's job: remember accepted signatures
 * for the length of the window (see {@link signatureDigest}).
 */
export function verifySignature({
  secret,
  body,
  timestamp,
  signature,
  now = new Date(),
  maxAgeSeconds = DEFAULT_MAX_AGE_SECONDS,
  maxFutureSeconds = DEFAULT_MAX_FUTURE_SECONDS,
}: VerifySignatureInput): SignatureCheck {
  if (timestamp == null || timestamp === '' || signature == null || signature === '') return { ok: false, reason: 'missing' };
  const ts = String(timestamp).trim();
  if (!TIMESTAMP_FORMAT.test(ts)) return { ok: false, reason: 'malformed' };
  const given = SIGNATURE_FORMAT.exec(signature.trim().toLowerCase());
  if (!given) return { ok: false, reason: 'malformed' };

  const seconds = Number(ts);
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (seconds < nowSeconds - maxAgeSeconds) return { ok: false, reason: 'expired' };
  if (seconds > nowSeconds + maxFutureSeconds) return { ok: false, reason: 'future' };

  const expected = Buffer.from(signBody(secret, body, ts).slice('sha256='.length), 'hex');
  const actual = Buffer.from(given[1]!, 'hex');
  if (!timingSafeEqual(expected, actual)) return { ok: false, reason: 'mismatch' };
  return { ok: true, timestamp: seconds };
}

/** What replay protection remembers of a signature: a hash, never the signature itself. */
export function signatureDigest(signature: string): string {
  return createHash('sha256').update(signature.trim().toLowerCase()).digest('hex');
}
