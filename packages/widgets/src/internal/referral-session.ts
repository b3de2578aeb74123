/**
 * One referral from the GP's side, without the DOM: where it goes (the activity, or the
 * welzijnscoach the API finds for the postcode, and that organisation's key for sealed
 * referrals), the body to send (the patient part sealed in the browser when there is a key),
 * sending it with the referrer token, and what every answer means for the GP in B1 words.
 * The dialog is a view over these functions; test/node/referral-session.test.ts runs them in
 * Node against a loopback server.
 */
import type { ReferralPublicKey } from '@sociale-kaart/schema';
import { ApiClient, ApiError, type ActivityResponse } from './api-client.js';
import { buildReferral, fieldForPointer, validateDraft, type ReferralDraft, type ValidationErrors } from './referral-form.js';
import type { ReferralContact, ReferralCreated, ReferralProblem, ReferralRequest, ReferralTargetInfo } from './referral.js';
import { referrerTokenOf, type ReferrerTokenHost } from './referrer-token.js';
import type { ReferralTranslation } from '../translations/translation.js';

/** Radius (km) the coach lookup searches around the postcode; the relay itself allows 25 km. */
const COACH_RADIUS_KM = 25;

/** Where the referral goes, as the dialog resolved it before the GP sends. */
export interface ReferralTarget {
  info: ReferralTargetInfo;
  activity: ActivityResponse | null;
  /** The receiving organisation's key: with one, the patient part is sealed before it leaves the browser. */
  key: ReferralPublicKey | null;
}

export interface TargetQuery {
  api: string;
  lang: string;
  target: 'activity' | 'coach';
  activityId: string;
  /** Normalised, or '' when not (yet) known. */
  postcode: string;
}

/** The activity (or the coach the API most likely picks) and its organisation's key. */
export async function loadTarget(q: TargetQuery, signal: AbortSignal): Promise<ReferralTarget> {
  const client = new ApiClient(q.api);
  let activity: ActivityResponse | null = null;
  if (q.target !== 'coach') activity = await client.activity(q.activityId, q.lang, signal);
  else if (q.postcode) {
    // The relay picks the coach itself from the postcode; this shows the GP which one that will most likely be.
    const params = new URLSearchParams({ postcode: q.postcode, radius: String(COACH_RADIUS_KM), sort: 'distance', per_page: '50', lang: q.lang });
    const hit = (await client.search(params, signal)).hits.find((h) => h.isWelzijnscoach && h.acceptsWelzijnOpRecept);
    if (hit) activity = await client.activity(hit.id, q.lang, signal);
  }
  if (!activity) return { info: { activityId: null, title: null, organizationName: null }, activity: null, key: null };
  const key = await referralKey(q.api, activity.organization.id, signal);
  return { info: { activityId: activity.id, title: activity.title, organizationName: activity.organization.name }, activity, key };
}

export type Destination = { target: 'activity'; activityId: string } | { target: 'coach'; postcode: string };

/**
 * The POST body. With `key` the patient and the note are sealed to it (HPKE, in the browser;
 * see referral-seal.ts). Without a key: the plaintext body for an organisation that receives
 * on its own webhook.
 */
export async function referralBody(draft: ReferralDraft, where: Destination, target: ReferralTarget, key = target.key): Promise<ReferralRequest> {
  const plain = buildReferral(draft, where);
  const activity = target.activity;
  if (!key || !activity) return plain;
  // Loaded on first use: its own chunk, so pages that never seal never pay for HPKE.
  const { sealBody } = await import('./referral-seal.js');
  return sealBody(plain, key, { activityId: activity.id, organizationId: activity.organization.id });
}

/**
 * The organisation's public key for sealed referrals (GET /organizations/{id}/referral-key),
 * or null when it has none (404). Not validated here: sealing validates it. Fetched for every
 * dialog, never cached: keys rotate.
 */
async function referralKey(api: string, organizationId: string, signal: AbortSignal): Promise<ReferralPublicKey | null> {
  const url = `${api.replace(/\/+$/, '')}/organizations/${encodeURIComponent(organizationId)}/referral-key`;
  let res: Response;
  try {
    res = await fetch(url, { signal, credentials: 'omit', cache: 'no-store', headers: { accept: 'application/json' } });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError('network', 0, null, e instanceof Error ? e.message : String(e));
  }
  if (res.status === 404) return null;
  if (!res.ok) throw new ApiError('http', res.status, null, res.statusText);
  return (await res.json()) as ReferralPublicKey;
}

/** Whether a body carries the patient part sealed. */
export const isSealed = (body: ReferralRequest): boolean => body.sealed !== undefined;

/** Nothing was sent: the host gave no referrer token (the `sk-referral-failed` problem says so). */
function noReferrerToken(): ApiError {
  const problem: ReferralProblem = { type: 'no-referrer-token', title: 'No referrer token', status: 401, detail: 'The host set neither referrer-token nor getReferrerToken.' };
  return new ApiError('http', 401, problem, problem.title);
}

/**
 * POSTs `body` with the host's referrer token. After a 401 a host with `getReferrerToken` is
 * asked once for a fresh token (the old one may have expired during the consult) and the
 * referral is sent again. After a 409 `stale-referral-key` (the organisation rotated its key
 * since the dialog fetched it) the patient part is sealed once more, to the key in the
 * answer, and sent again.
 */
export async function sendReferral(
  api: string,
  tokens: ReferrerTokenHost,
  body: ReferralRequest,
  reseal: (key: ReferralPublicKey) => Promise<ReferralRequest>,
): Promise<ReferralCreated> {
  const client = new ApiClient(api);
  let token = await referrerTokenOf(tokens);
  if (!token) throw noReferrerToken();
  let refreshed = false;
  let resealed = false;
  for (;;) {
    try {
      return await client.createReferral(body, token);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.status === 401 && tokens.getReferrerToken && !refreshed) {
        refreshed = true;
        token = await referrerTokenOf(tokens);
        if (!token) throw noReferrerToken();
        continue;
      }
      const key = err.status === 409 && err.problem?.type.endsWith('stale-referral-key') ? (err.problem as { key?: ReferralPublicKey }).key : undefined;
      if (key && isSealed(body) && !resealed && key.kid !== body.sealed!.kid) {
        resealed = true;
        body = await reseal(key);
        continue;
      }
      throw err;
    }
  }
}

/** What went wrong, as the GP's page and the `sk-referral-failed` event see it. */
export type Failure =
  /** Not sent, and sending again will not help: the provider's contact details instead. */
  | { kind: 'fallback'; problem: ReferralProblem; contact: ReferralContact | null; message: string }
  /** The relay refused fields: shown at the fields. */
  | { kind: 'fields'; problem: ReferralProblem; errors: ValidationErrors }
  /** Not sent; the GP can try again. */
  | { kind: 'form'; problem: ReferralProblem; message: string };

export interface FailureContext {
  draft: ReferralDraft;
  target: ReferralTarget | null;
  targetType: 'activity' | 'coach';
  t: ReferralTranslation;
  /** The receiving organisation as the dialog names it. */
  organisation: string;
}

/** The problem for `sk-referral-failed`: the relay's problem+json, or one made for what had no answer. Never patient data. */
export function problemOf(err: unknown): ReferralProblem {
  if (err instanceof ApiError && err.problem) return err.problem as ReferralProblem;
  if (err instanceof ApiError && err.kind === 'http') return { type: 'about:blank', title: err.message, status: err.status };
  const code = sealingCode(err);
  if (code) return { type: 'sealing-failed', title: 'The referral could not be sealed', status: 0, detail: code };
  // The fetch failure's own words; of anything else only its name, as a message could echo what was being sent.
  return { type: 'network-error', title: 'Network error', status: 0, detail: err instanceof ApiError ? err.message : err instanceof Error ? err.name : 'unknown' };
}

/** The code of a `@sociale-kaart/sealing` error (duck-typed: the sealing chunk may not be loaded). */
function sealingCode(err: unknown): string | null {
  if (!(err instanceof Error) || !('code' in err) || !('messages' in err)) return null;
  return typeof err.code === 'string' ? err.code : null;
}

function contactOf(a: ActivityResponse | null | undefined): ReferralContact | null {
  if (!a) return null;
  return { phone: a.phone ?? null, email: a.email ?? null, intakeEmail: a.intake?.email ?? null, website: a.url ?? a.organization.website ?? null };
}

/** Every answer that is not a 202, mapped to what the GP sees. */
export function failureOf(err: unknown, ctx: FailureContext): Failure {
  const { t, organisation: org } = ctx;
  const problem = problemOf(err);
  const status = problem.status;
  if (status === 422 || status === 502 || status === 0) {
    const message =
      problem.type === 'sealing-failed'
        ? t.fallbackSealing(org)
        : status === 0
          ? t.fallbackNetwork
          : status === 502
            ? t.fallbackFailed(org)
            : problem.type.endsWith('not-accepting-referrals')
              ? t.fallbackNotAccepting(org)
              : t.fallbackNoIntake(org);
    return { kind: 'fallback', problem, contact: problem.contact ?? contactOf(ctx.target?.activity), message };
  }
  if (status === 400 && problem.errors?.length) {
    const local = validateDraft(ctx.draft, ctx.targetType);
    const errors: ValidationErrors = {};
    for (const e of problem.errors) {
      const field = e.pointer ? fieldForPointer(e.pointer) : null;
      if (field) errors[field] ??= local[field] ?? 'server';
    }
    if (Object.keys(errors).length) return { kind: 'fields', problem, errors };
  }
  const message = status === 401 ? t.notSigned : status === 404 ? t.notFound : status === 429 ? t.rateLimited : t.otherError(status);
  return { kind: 'form', problem, message };
}
