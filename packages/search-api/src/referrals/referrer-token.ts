/**
 * Who may send a referral: a HIS backend the operator trusts signs a short-lived JWT (the
 * "referrer token", like a ZorgDomein launch context) and the GP's browser sends it as
 * `Authorization: Bearer <token>`. Verified with `jose` against the operator's keys:
 * a JWKS file (`SK_REFERRER_JWKS_FILE`) and/or a JWKS URL (`SK_REFERRER_JWKS_URL`, fetched
 * with a timeout and cached).
 *
 * Accepted: alg ES256 or EdDSA, `aud` equal to the API's public base URL, `exp` and `iat`
 * present with `exp - iat` at most 15 minutes, a non-empty `sub` (the practice, e.g. its
 * AGB code; kept with the referral: it is not patient data).
 */
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';

export const REFERRER_ALGORITHMS = ['ES256', 'EdDSA'];
/** The longest a token may be valid: `exp - iat`, in seconds. */
export const MAX_TOKEN_LIFETIME_SECONDS = 15 * 60;
/** Clock difference tolerated between the HIS backend and this server. */
const CLOCK_TOLERANCE_SECONDS = 30;

export interface VerifiedReferrer {
  /** The `sub` claim: the referring practice. */
  practice: string;
}

/** Why a token was refused; for the server log (never the token itself). */
export class ReferrerTokenError extends Error {
  override name = 'ReferrerTokenError';
  constructor(readonly reason: string) {
    super(reason);
  }
}

export interface ReferrerVerifier {
  /** Resolves with the referrer, or rejects with a {@link ReferrerTokenError}. */
  verify(token: string): Promise<VerifiedReferrer>;
}

export interface ReferrerKeys {
  /** The public keys, as a JWKS object (the content of SK_REFERRER_JWKS_FILE). */
  jwks?: JSONWebKeySet | undefined;
  /** A JWKS endpoint of the HIS vendor. */
  jwksUrl?: URL | undefined;
  /** Timeout of one JWKS fetch (default 3000 ms). */
  jwksTimeoutMs?: number;
  /** How long fetched keys are used before they are fetched again (default 10 min). */
  jwksCacheMs?: number;
}

export interface ReferrerVerifierOptions extends ReferrerKeys {
  /** The API's public base URL: the only accepted `aud`. */
  audience: string;
  clock?: () => Date;
}

/** Tries the keys of the file first, then those of the URL. */
function combinedKeys({ jwks, jwksUrl, jwksTimeoutMs = 3000, jwksCacheMs = 600_000 }: ReferrerKeys): JWTVerifyGetKey {
  const local = jwks ? createLocalJWKSet(jwks) : undefined;
  const remote = jwksUrl ? createRemoteJWKSet(jwksUrl, { timeoutDuration: jwksTimeoutMs, cacheMaxAge: jwksCacheMs, cooldownDuration: 30_000 }) : undefined;
  if (!local && !remote) throw new Error('a referrer verifier needs a JWKS or a JWKS URL');
  return async (header, token) => {
    if (local) {
      try {
        return await local(header, token);
      } catch (error) {
        if (!remote || !(error instanceof errors.JWKSNoMatchingKey)) throw error;
      }
    }
    return remote!(header, token);
  };
}

export function createReferrerVerifier(options: ReferrerVerifierOptions): ReferrerVerifier {
  const keys = combinedKeys(options);
  const audience = options.audience.replace(/\/+$/, '');
  const clock = options.clock ?? (() => new Date());
  return {
    async verify(token) {
      let payload;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          algorithms: REFERRER_ALGORITHMS,
          audience,
          requiredClaims: ['exp', 'iat', 'sub'],
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          currentDate: clock(),
        }));
      } catch (error) {
        throw new ReferrerTokenError(error instanceof errors.JOSEError ? error.code : 'ERR_INVALID_TOKEN');
      }
      const { exp, iat, sub } = payload as { exp: number; iat: number; sub: unknown };
      if (exp - iat > MAX_TOKEN_LIFETIME_SECONDS) throw new ReferrerTokenError('ERR_TOKEN_LIFETIME_TOO_LONG');
      if (iat > clock().getTime() / 1000 + CLOCK_TOLERANCE_SECONDS) throw new ReferrerTokenError('ERR_TOKEN_ISSUED_IN_FUTURE');
      if (typeof sub !== 'string' || sub.trim() === '' || sub.length > 100) throw new ReferrerTokenError('ERR_INVALID_SUB');
      return { practice: sub };
    },
  };
}

/** The token of an `Authorization: Bearer <token>` header; undefined when absent or malformed. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^Bearer[ ]+([A-Za-z0-9._~+/-]+=*)$/i.exec(header.trim());
  return match?.[1];
}
