/**
 * The referral relay, mounted at /v1/referrals. A HIS-signed referral (referrer-token.ts) to
 * an activity or a gemeente's welzijnscoach goes where the operator or the verified receiving
 * organisation said (routes.ts, db-routes.ts): delivered, signed, to a webhook on a public
 * https address only (intake-target.ts), or kept sealed for the organisation's hosted inbox
 * (inbox.ts). The provider posts statuses back, signed the same way, and the GP reads them
 * with a capability token (status-routes.ts). Patient details in the clear pass through to a
 * webhook: never stored, never logged; a sealed payload is stored as it came, never logged.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { BlankEnv } from 'hono/types';
import { bodyLimit } from 'hono/body-limit';
import {
  needLabel,
  type Activity,
  createReferralSchema,
  referralCreatedSchema,
  referralProblemSchema,
  type CreateReferralBody,
} from '@sociale-kaart/schema';
import { NO_REFERRAL_KEYS, type ReferralKeys } from './db-routes.js';
import { storeInboxReferral } from './inbox.js';
import { clientKeyFunction, type ClientKey } from '../http/client-key.js';
import { installErrorHandling, validationHook } from '../http/errors.js';
import { lineLogger, type Logger } from '../http/log.js';
import { NO_STORE, ProblemError } from '../http/problem.js';
import { rateLimit, type RateLimitOptions } from '../http/rate-limit.js';
import { DEFAULT_DELIVERY, deliverSigned, type DeliveryOptions, type DeliveryResult } from './delivery.js';
import { checkIntakeTarget, type ResolveHost } from './intake-target.js';
import type { ReferralLookup } from './lookup.js';
import { ReferrerTokenError, bearerToken, type ReferrerVerifier } from './referrer-token.js';
import { isInboxRoute, type IntakeRoutes } from './routes.js';
import { addStatusRoutes, hashToken, type ReferralEnv } from './status-routes.js';
import type { ReferralStore } from './store.js';

export { hashToken };

export interface ReferralsDeps extends ReferralLookup {
  store: ReferralStore;
  /** Where referrals for an organisation go and the secret they are signed with. Never from a feed. */
  routes: IntakeRoutes;
  /** The organisations' current keys for sealed referrals (hosted inbox). Default: none. */
  keys?: ReferralKeys;
  /** Checks the HIS's referrer token. Undefined: this server relays no referrals (503 `referrals-not-configured`). */
  referrers: ReferrerVerifier | undefined;
  /** Public origin of the API, e.g. `https://api.sociale-kaart.nl`: status URLs and problem types are built on it. */
  publicBaseUrl: string;
  /** Where the app is mounted (default `/v1/referrals`). */
  mountPath?: string;
  clock?: () => Date;
  delivery?: Partial<DeliveryOptions>;
  logger?: Logger;
  /** Per client; `false` switches a limit off. Defaults: create 10 burst + 1 per 6 s; status 60 burst + 2 per s. */
  rateLimit?: { create?: RateLimitOptions | false; status?: RateLimitOptions | false };
  /** Who a client is for rate limits; the API passes its one client-key function (http/client-key.ts). */
  clientKey?: ClientKey;
  /** SK_REFERRAL_ALLOW_PRIVATE_INTAKE: deliver over http and to loopback/private addresses (demo, tests). */
  allowPrivateIntake?: boolean;
  /** DNS resolution of intake hosts (default: the system resolver). */
  resolveHost?: ResolveHost;
  /** How old a provider's signed status may be (default 300 s). */
  signatureMaxAgeSeconds?: number;
  /** For tests: the wait between delivery attempts. */
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_CREATE_RATE_LIMIT: RateLimitOptions = { capacity: 10, refillPerSecond: 1 / 6 };
export const DEFAULT_STATUS_RATE_LIMIT: RateLimitOptions = { capacity: 60, refillPerSecond: 2 };

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const problemJson = (description: string) => ({ content: { 'application/problem+json': { schema: referralProblemSchema } }, description });

export function createReferralsApp(deps: ReferralsDeps): OpenAPIHono<BlankEnv> {
  const clock = deps.clock ?? (() => new Date());
  const logger = deps.logger ?? lineLogger();
  const publicBase = deps.publicBaseUrl.replace(/\/+$/, '');
  const base = publicBase + (deps.mountPath ?? '/v1/referrals').replace(/\/+$/, '');
  const delivery: DeliveryOptions = { ...DEFAULT_DELIVERY, ...deps.delivery };
  const clientKey = deps.clientKey ?? clientKeyFunction(0);
  const limit = (options: RateLimitOptions | false | undefined, fallback: RateLimitOptions) => rateLimit(options === false ? false : { ...(options ?? fallback), key: clientKey, clock });
  const sizeLimit = (maxSize: number): MiddlewareHandler =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new ProblemError(413, 'payload-too-large', 'Request body too large', { detail: `At most ${maxSize} bytes.` });
      },
    });

  const app = new OpenAPIHono<ReferralEnv>({ defaultHook: validationHook('invalid-referral', 'The request has invalid fields') });
  installErrorHandling(app, { problemBase: publicBase, logger });
  app.use('*', async (c, next) => {
    await next();
    c.res.headers.set('Cache-Control', 'no-store');
  });

  const authenticateReferrer: MiddlewareHandler<ReferralEnv> = async (c, next) => {
    if (!deps.referrers) {
      throw new ProblemError(503, 'referrals-not-configured', 'This server relays no referrals', {
        detail: 'No referrer keys are configured (SK_REFERRER_JWKS_FILE / SK_REFERRER_JWKS_URL): refer by phone or e-mail.',
      });
    }
    const header = c.req.header('authorization');
    const token = bearerToken(header);
    try {
      if (!token) throw new ReferrerTokenError(header ? 'ERR_MALFORMED_AUTHORIZATION' : 'ERR_NO_TOKEN');
      c.set('referrer', await deps.referrers.verify(token));
    } catch (error) {
      const reason = error instanceof ReferrerTokenError ? error.reason : 'ERR_VERIFY_FAILED';
      logger.warn('referral.unauthorized', { reason });
      throw new ProblemError(401, 'unauthorized', 'Referrer token missing or not valid', {
        detail: 'Send Authorization: Bearer <referrer token>, a short-lived JWT signed by your HIS (ES256 or EdDSA, aud = this API\'s public URL).',
        headers: { 'WWW-Authenticate': token ? 'Bearer realm="sociale-kaart", error="invalid_token"' : 'Bearer realm="sociale-kaart"' },
      });
    }
    await next();
  };

  const targetView = (a: Activity, type: 'activity' | 'coach') => ({
    type,
    activityId: a.id,
    title: a.title,
    organizationId: a.organization.id,
    organizationName: a.organization.name,
  });
  const contactOf = (a: Activity) => ({ phone: a.phone ?? null, email: a.email ?? null, intakeEmail: a.intake?.email ?? null, website: a.url ?? a.organization.website ?? null });

  const createRouteDef = createRoute({
    method: 'post',
    path: '/',
    tags: ['referrals'],
    summary: 'Refer a patient (Welzijn op Recept)',
    description:
      'Needs `Authorization: Bearer <referrer token>` from the HIS. Validates the referral, and either delivers it signed to the receiving organisation\'s approved intake webhook (retrying timeouts and 5xx), or, for an organisation that receives in the hosted inbox, stores it `sealed` (only sealed referrals are accepted there). Answers with a status URL that carries a capability token. Nothing of the patient is stored readable.',
    security: [{ referrerToken: [] }],
    middleware: [limit(deps.rateLimit?.create, DEFAULT_CREATE_RATE_LIMIT), sizeLimit(32 * 1024), authenticateReferrer] as const,
    request: { body: { content: { 'application/json': { schema: createReferralSchema } }, required: true } },
    responses: {
      202: json(referralCreatedSchema, 'Delivered to the provider\'s intake.'),
      400: problemJson('Invalid fields; `errors` names each one (also `patient` and `note` in the clear for a hosted-inbox organisation).'),
      401: problemJson('No referrer token, or one that is not valid (`unauthorized`).'),
      404: problemJson('The activity does not exist, or no welzijnscoach is known for the postcode.'),
      409: problemJson('`sealed.kid` is not the organisation\'s current key (`stale-referral-key`); `key` holds the current key: seal again.'),
      413: problemJson('Body too large.'),
      422: problemJson(
        'The target does not accept referrals (`not-accepting-referrals`), has no electronic intake (`no-electronic-intake`), receives in the hosted inbox but has no key yet (`no-referral-key`), or receives on a webhook and cannot open `sealed` (`sealed-not-accepted`); `contact` has its phone and e-mail.',
      ),
      429: problemJson('Rate limited; see Retry-After.'),
      502: problemJson('The intake could not be reached (`delivery-failed`); `contact` has its phone and e-mail.'),
      503: problemJson('The search engine is not answering (see Retry-After), or this server relays no referrals.'),
    },
  });

  app.openapi(createRouteDef, async (c) => {
    const body: CreateReferralBody = c.req.valid('json');
    // A sealed referral names its activity (for a coach: the welzijnscoach's): the seal is bound to it.
    const byId = body.target === 'activity' || body.sealed !== undefined;
    const found = byId ? await deps.lookupActivity(body.activityId!) : await deps.findWelzijnscoach(body.postcode!);
    const target = body.target === 'coach' && found && !found.isWelzijnscoach ? null : found;
    if (!target) {
      throw body.target === 'activity'
        ? new ProblemError(404, 'activity-not-found', 'Activity not found', { detail: `No activity "${body.activityId}".` })
        : new ProblemError(404, 'no-welzijnscoach', 'No welzijnscoach found', { detail: 'No welzijnscoach that accepts referrals is known for this postcode.' });
    }
    const view = targetView(target, body.target);
    const members = { target: view, contact: contactOf(target) };
    if (!target.acceptsWelzijnOpRecept || target.status !== 'active') {
      throw new ProblemError(422, 'not-accepting-referrals', 'This activity does not accept referrals', {
        detail: `"${target.title}" does not take Welzijn op Recept referrals${target.status === 'active' ? '' : ' at the moment'}.`,
        members,
      });
    }
    // The feed's intake.url is never used here: only a route the operator (or a verified organisation) set.
    const route = await deps.routes.routeFor(target.organization.id);
    if (!route) {
      throw new ProblemError(422, 'no-electronic-intake', 'No electronic intake', {
        detail: `${target.organization.name} has no intake configured on this server: refer by phone or e-mail, and give the patient the handout.`,
        members,
      });
    }

    const id = randomUUID();
    const token = randomBytes(32).toString('base64url');
    const createdAt = clock().toISOString();
    const referrer = c.get('referrer');
    const publicMembers = {
      id,
      targetType: body.target,
      activityId: target.id,
      organizationId: target.organization.id,
      createdAt,
      tokenHash: hashToken(token),
      referrer: referrer.practice,
      gemeente: target.gemeente ?? target.location?.gemeente ?? null,
      reasons: [...new Set(body.reasons)],
    };
    const created = { referralId: id, status: 'sent' as const, statusUrl: `${base}/${id}?token=${token}`, token, target: view };

    if (isInboxRoute(route)) {
      await storeInboxReferral({ body, target, members, referral: publicMembers, store: deps.store, keys: deps.keys ?? NO_REFERRAL_KEYS, clock, logger });
      return c.json(created, 202, NO_STORE);
    }

    // A webhook receives the patient part in the clear: the organisation holds no key to open a seal.
    const patient = body.patient;
    if (!patient) {
      throw new ProblemError(422, 'sealed-not-accepted', 'This organisation cannot open sealed referrals', {
        detail: `${target.organization.name} receives referrals on its own system, not in the hosted inbox: send the patient's details unsealed.`,
        members,
      });
    }

    // Stored before delivery: a provider may post `received` before it answers the webhook.
    await deps.store.create({ ...publicMembers, delivery: 'webhook' });

    const payload = {
      referralId: id,
      createdAt,
      targetType: body.target,
      activity: { id: target.id, title: target.title },
      organization: { id: target.organization.id, name: target.organization.name },
      reasons: [...new Set(body.reasons)].map((key) => ({ key, label: needLabel(key, 'nl') })),
      note: body.note ?? null,
      patient: {
        name: patient.name,
        contactPreference: patient.contactPreference,
        ...(patient.phone === undefined ? {} : { phone: patient.phone }),
        ...(patient.email === undefined ? {} : { email: patient.email }),
        ...(patient.address === undefined ? {} : { address: patient.address }),
      },
      referrer: body.referrer ?? null,
      statusUrl: `${base}/${id}/status`,
    };
    const logFields = { referralId: id, activityId: target.id, organizationId: target.organization.id };
    const checked = await checkIntakeTarget(route.intakeUrl, { allowPrivate: deps.allowPrivateIntake === true, ...(deps.resolveHost ? { resolve: deps.resolveHost } : {}) });
    const result = checked.ok
      ? await deliverSigned({ target: checked.target, secret: route.secret, body: JSON.stringify(payload), options: delivery, clock, ...(deps.sleep ? { sleep: deps.sleep } : {}) })
      : ({ ok: false, attempts: 0, error: `intake refused: ${checked.reason}` } satisfies DeliveryResult as DeliveryResult);
    const at = clock().toISOString();

    if (!result.ok) {
      await deps.store.addStatus(id, { status: 'delivery_failed', at });
      // The reason is for the operator's log; the caller learns only that delivery failed.
      logger.warn('referral.delivery_failed', { ...logFields, attempts: result.attempts, httpStatus: result.httpStatus, error: result.error });
      throw new ProblemError(502, 'delivery-failed', 'The provider\'s intake could not be reached', {
        detail: `${target.organization.name} could not be reached electronically. Refer by phone or e-mail, and give the patient the handout.`,
        members: { referralId: id, ...members },
      });
    }
    await deps.store.addStatus(id, { status: 'sent', at });
    logger.info('referral.sent', { ...logFields, attempts: result.attempts, httpStatus: result.httpStatus });
    return c.json(created, 202, NO_STORE);
  });

  addStatusRoutes(app, {
    store: deps.store,
    routes: deps.routes,
    lookupActivity: deps.lookupActivity,
    clock,
    logger,
    maxAgeSeconds: deps.signatureMaxAgeSeconds,
    rateLimit: limit(deps.rateLimit?.status, DEFAULT_STATUS_RATE_LIMIT),
    sizeLimit: sizeLimit(4 * 1024),
  });

  app.openAPIRegistry.registerComponent('securitySchemes', 'referrerToken', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'A referrer token: a JWT signed by a HIS backend the operator trusts (ES256/EdDSA, aud = the API\'s public URL, exp ≤ 15 min after iat, sub = the practice).',
  });
  // The `referral`/`referrer` variables are internal; callers mount a plain app.
  return app as unknown as OpenAPIHono<BlankEnv>;
}
