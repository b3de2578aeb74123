/**
 * The referrer token: proof, signed by a HIS backend the operator trusts, that this referral
 * comes from a GP practice (a short-lived JWT; the relay checks it). The widgets never make
 * or read one: they take it from the host and send it as `Authorization: Bearer <token>` with
 * POST /v1/referrals, nowhere else.
 */

/** Hands over a fresh token (async): called before a referral is sent, and once more after a 401. */
export type ReferrerTokenSource = () => Promise<string> | string;

/** Where a token comes from: the `referrer-token` attribute or the `getReferrerToken` callback. */
export interface ReferrerTokenHost {
  referrerToken: string;
  getReferrerToken: ReferrerTokenSource | null;
}

/**
 * The token to send: from the callback when there is one (it knows when its token expires),
 * else the attribute. Null when there is none: a callback that fails or answers nothing
 * counts as none, so the dialog can say the HIS did not sign the referral.
 */
export async function referrerTokenOf(host: ReferrerTokenHost): Promise<string | null> {
  if (host.getReferrerToken) {
    try {
      const token = await host.getReferrerToken();
      return typeof token === 'string' && token.trim() ? token.trim() : null;
    } catch {
      return null;
    }
  }
  return host.referrerToken.trim() || null;
}
