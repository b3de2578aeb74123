import type { ActivityResponse } from '@sociale-kaart/schema';
import type { FinderQuery } from './query.js';
import type { ReferralHistoryEntry, ReferralProblem, ReferralRequest, ReferralStatus, ReferralTargetInfo } from './referral.js';

/** `sk-search`: a search completed. A host may keep `query` in its URL and restore it later. */
export interface SkSearchDetail {
  query: FinderQuery;
  total: number;
}

/** `sk-select`: the user opened an activity; `activity` is the full record from /activities/{id}. */
export interface SkSelectDetail {
  id: string;
  activity: ActivityResponse;
}

/**
 * `sk-referral` (cancelable): the GP submitted a valid referral. `referral` is the exact
 * POST /v1/referrals body. A host with its own secure channel calls `preventDefault()`:
 * then nothing leaves the browser.
 */
export interface SkReferralDetail {
  referral: ReferralRequest;
  target: ReferralTargetInfo;
  /** The one-line journal text: "Welzijn op Recept: verwezen naar … (…) i.v.m. …." */
  summary: string;
}

/** `sk-referral-sent`: the relay delivered the referral to the provider's intake (202). */
export interface SkReferralSentDetail {
  referralId: string;
  /** GET this to follow the status; it carries the capability token. */
  statusUrl: string;
  /** For `<sk-referral-status referral-id token>`. Keep it like a password. */
  token: string;
  target: ReferralTargetInfo;
  summary: string;
}

/**
 * `sk-referral-failed`: the relay did not deliver. `problem` is the relay's problem+json
 * (422 no electronic intake, 502 delivery failed, 400, 404, 429 …) or, without an answer,
 * `{ type: 'network-error', title, status: 0 }`. 422 and 502 carry the provider's `contact`.
 */
export interface SkReferralFailedDetail {
  problem: ReferralProblem;
}

/** `sk-referral-status`: the status of a referral changed (also on the first load). */
export interface SkReferralStatusDetail {
  referralId: string;
  status: ReferralStatus;
  /** null on the first load. */
  previousStatus: ReferralStatus | null;
  history: ReferralHistoryEntry[];
  /** The journal line for the patient record, naming the current status: "Welzijn op Recept: verwijzing naar … (…), status: contact opgenomen na 2 dagen." */
  summary: string;
}

/** Our events bubble out of the shadow root and carry the `sk-` prefix. */
export function emit<T>(el: HTMLElement, name: string, detail: T, init: { cancelable?: boolean } = {}): boolean {
  return el.dispatchEvent(new CustomEvent<T>(name, { detail, bubbles: true, composed: true, cancelable: init.cancelable ?? false }));
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sk-search': CustomEvent<SkSearchDetail>;
    'sk-select': CustomEvent<SkSelectDetail>;
    'sk-referral': CustomEvent<SkReferralDetail>;
    'sk-referral-sent': CustomEvent<SkReferralSentDetail>;
    'sk-referral-failed': CustomEvent<SkReferralFailedDetail>;
    'sk-referral-status': CustomEvent<SkReferralStatusDetail>;
  }
}
