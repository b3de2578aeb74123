/**
 * The referral relay: POST a referral, and it goes signed to the provider's intake webhook;
 * the provider posts statuses back, signed the same way; the GP reads them with a capability
 * token. Mounted at /v1/referrals. Patient details pass through and are never stored or logged.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { BlankEnv } from 'hono/types';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { DEFAULT_DELIVERY, deliverSigned, type DeliveryOptions } from './delivery.js';
import { NO_STORE, issuesToErrors, problem } from './problem.js';
import { TokenBucketLimiter, type RateLimitOptions } from './rate-limit.js';
import {
  needLabel,
  type Activity,
  createReferralSchema,
  referralCreatedSchema,
  referralProblemSchema,
  referralViewSchema,
  statusAcceptedSchema,
  statusUpdateSchema,
  type CreateReferralBody,
} from '@sociale-kaart/schema';
import { DEFAULT_MAX_AGE_SECONDS, DEFAULT_MAX_FUTURE_SECONDS, SIGNATURE_HEADER, TIMESTAMP_HEADER, signatureDigest, verifySignature } from './signature.js';
import type { ReferralRecord, ReferralStore } from './store.js';

/** Structured, body-free log lines. Fields are ids, statuses and counts only. */
export interface ReferralLogger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

export interface ReferralsDeps {
  lookupActivity(id: string): Promise<Activity | null>;
  /** The welzijnscoach for the patient's postcode, see `pickWelzijnscoach`. */
  findWelzijnscoach(postcode: string): Promise<Activity | null>;
  store: ReferralStore;
  /** The shared secret of an organisation's intake; undefined when it has none. */
  secrets: (organizationId: string) => string | undefined;
  /** The operator's intake URL for an organisation, overriding the one in the feed (see config.ts). */
  intakeUrlFor?: (organizationId: string) => string | undefined;
  /** Public origin of the API, e.g. `https://api.sociale-kaart.nl`; status URLs are built on it. */
  publicBaseUrl: string;
  /** Where the lead mounts this app (default `/v1/referrals`). */
  mountPath?: string;
  clock?: () => Date;
  fetch?: typeof fetch;
  delivery?: Partial<DeliveryOptions>;
  logger?: ReferralLogger;
  /** Per client; `false` switches a limit off. Defaults: create 10 burst + 1 per 6 s; status 60 burst + 2 per s. */
  rateLimit?: { create?: RateLimitOptions | false; status?: RateLimitOptions | false };
  /** The key a client is rate limited by. Default: the socket's remote address (set this behind a proxy). */
  clientKey?: (c: Context) => string;
  /** Allow plain-http intake URLs on other hosts than loopback (default false: patient data only over https). */
  allowInsecureIntake?: boolean;
  /** How old a provider's signed status may be (default 300 s). */
  signatureMaxAgeSeconds?: number;
  /** For tests: the wait between delivery attempts. */
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_CREATE_RATE_LIMIT: RateLimitOptions = { capacity: 10, refillPerSecond: 1 / 6 };
export const DEFAULT_STATUS_RATE_LIMIT: RateLimitOptions = { capacity: 60, refillPerSecond: 2 };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The default logger: one JSON line per event on stderr. */
export const consoleReferralLogger: ReferralLogger = {
  info: (event, fields) => console.error(JSON.stringify({ level: 'info', event, ...fields })),
  warn: (event, fields) => console.error(JSON.stringify({ level: 'warn', event, ...fields })),
  error: (event, fields) => console.error(JSON.stringify({ level: 'error', event, ...fields })),
};

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const problemJson = (description: string) => ({ content: { 'application/problem+json': { schema: referralProblemSchema } }, description });

const idParams = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: '0b6f3c1e-7d7a-4c1e-9a57-6a0c2f4f1b2d' }) });

type Env = { Variables: { referral: ReferralRecord } };

export function createReferralsApp(deps: ReferralsDeps): OpenAPIHono<BlankEnv> {
  const clock = deps.clock ?? (() => new Date());
  const logger = deps.logger ?? consoleReferralLogger;
  const base = deps.publicBaseUrl.replace(/\/+$/, '') + (deps.mountPath ?? '/v1/referrals').replace(/\/+$/, '');
  const delivery: DeliveryOptions = { ...DEFAULT_DELIVERY, ...deps.delivery };
  const maxAge = deps.signatureMaxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS;
  const clientKey =
    deps.clientKey ?? ((c: Context) => (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress ?? 'unknown');

  const limit = (options: RateLimitOptions | false | undefined, fallback: RateLimitOptions): MiddlewareHandler => {
    if (options === false) return async (_c, next) => next();
    const limiter = new TokenBucketLimiter(options ?? fallback, clock);
    return async (c, next) => {
      const decision = limiter.take(clientKey(c));
      if (!decision.ok) {
        return problem(c, 429, { type: 'rate-limited', title: 'Too many requests', detail: `Try again in ${decision.retryAfterSeconds} s.` }, { 'Retry-After': String(decision.retryAfterSeconds) });
      }
      await next();
    };
  };
  const sizeLimit = (maxSize: number): MiddlewareHandler =>
    bodyLimit({ maxSize, onError: (c) => problem(c, 413, { type: 'payload-too-large', title: 'Request body too large', detail: `At most ${maxSize} bytes.` }) });

  const app = new OpenAPIHono<Env>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const errors = issuesToErrors(result.error);
        return problem(c, 400, {
          type: 'invalid-referral',
          title: 'The request has invalid fields',
          detail: errors.map((e) => `${e.parameter}: ${e.message}`).join('; '),
          errors,
        });
      }
    },
  });

  app.use('*', async (c, next) => {
    await next();
    c.res.headers.set('Cache-Control', 'no-store');
  });

  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      const status = error.status as 400 | 401 | 404 | 413 | 415;
      return problem(c, status, { type: status === 415 ? 'unsupported-media-type' : 'bad-request', title: error.message || 'Bad request' });
    }
    // Only the error's name: a message could quote input.
    logger.error('referral.internal_error', { error: (error as Error).name });
    return problem(c, 500, { type: 'internal-error', title: 'Internal server error' });
  });

  const targetView = (a: Activity, type: 'activity' | 'coach') => ({
    type,
    activityId: a.id,
    title: a.title,
    organizationId: a.organization.id,
    organizationName: a.organization.name,
  });
  const contactOf = (a: Activity) => ({ phone: a.phone ?? null, email: a.email ?? null, intakeEmail: a.intake?.email ?? null, website: a.url ?? a.organization.website ?? null });

  const intakeUrlProblem = (url: string | null | undefined): string | undefined => {
    if (!url) return 'has no intake URL';
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return 'has an invalid intake URL';
    }
    if (parsed.protocol === 'https:') return undefined;
    if (parsed.protocol === 'http:' && (deps.allowInsecureIntake || LOOPBACK.has(parsed.hostname))) return undefined;
    return 'has no https intake URL';
  };

  const createRouteDef = createRoute({
    method: 'post',
    path: '/',
    tags: ['referrals'],
    summary: 'Refer a patient (Welzijn op Recept)',
    description:
      'Validates the referral, delivers it signed to the provider\'s intake webhook (retrying timeouts and 5xx) and answers with a status URL that carries a capability token. Nothing of the patient is stored.',
    middleware: [limit(deps.rateLimit?.create, DEFAULT_CREATE_RATE_LIMIT), sizeLimit(32 * 1024)] as const,
    request: { body: { content: { 'application/json': { schema: createReferralSchema } }, required: true } },
    responses: {
      202: json(referralCreatedSchema, 'Delivered to the provider\'s intake.'),
      400: problemJson('Invalid fields; `errors` names each one.'),
      404: problemJson('The activity does not exist, or no welzijnscoach is known for the postcode.'),
      413: problemJson('Body too large.'),
      422: problemJson('The target does not accept referrals (`not-accepting-referrals`) or has no electronic intake (`no-electronic-intake`); `contact` has its phone and e-mail.'),
      429: problemJson('Rate limited; see Retry-After.'),
      502: problemJson('The intake could not be reached after the retries (`delivery-failed`); `contact` has its phone and e-mail.'),
    },
  });

  app.openapi(createRouteDef, async (c) => {
    const body: CreateReferralBody = c.req.valid('json');
    const target = body.target === 'activity' ? await deps.lookupActivity(body.activityId!) : await deps.findWelzijnscoach(body.postcode!);
    if (!target) {
      return body.target === 'activity'
        ? problem(c, 404, { type: 'activity-not-found', title: 'Activity not found', detail: `No activity "${body.activityId}".` })
        : problem(c, 404, { type: 'no-welzijnscoach', title: 'No welzijnscoach found', detail: 'No welzijnscoach that accepts referrals is known for this postcode.' });
    }
    const view = targetView(target, body.target);
    if (!target.acceptsWelzijnOpRecept || target.status !== 'active') {
      return problem(c, 422, {
        type: 'not-accepting-referrals',
        title: 'This activity does not accept referrals',
        detail: `"${target.title}" does not take Welzijn op Recept referrals${target.status === 'active' ? '' : ' at the moment'}.`,
        target: view,
        contact: contactOf(target),
      });
    }
    const secret = deps.secrets(target.organization.id);
    const intakeUrl = deps.intakeUrlFor?.(target.organization.id) ?? target.intake?.url;
    const urlProblem = intakeUrlProblem(intakeUrl);
    if (urlProblem || !secret) {
      if (urlProblem === 'has no https intake URL') logger.warn('referral.intake_not_https', { organizationId: target.organization.id });
      return problem(c, 422, {
        type: 'no-electronic-intake',
        title: 'No electronic intake',
        detail: `${target.organization.name} ${urlProblem ?? 'has no intake configured on this server'}: refer by phone or e-mail, and give the patient the handout.`,
        target: view,
        contact: contactOf(target),
      });
    }

    const id = randomUUID();
    const token = randomBytes(32).toString('base64url');
    const createdAt = clock().toISOString();
    // Stored before delivery: a provider may post `received` before it answers the webhook.
    await deps.store.create({ id, targetType: body.target, activityId: target.id, organizationId: target.organization.id, createdAt, tokenHash: hashToken(token) });

    const payload = {
      referralId: id,
      createdAt,
      targetType: body.target,
      activity: { id: target.id, title: target.title },
      organization: { id: target.organization.id, name: target.organization.name },
      reasons: [...new Set(body.reasons)].map((key) => ({ key, label: needLabel(key, 'nl') })),
      note: body.note ?? null,
      patient: {
        name: body.patient.name,
        contactPreference: body.patient.contactPreference,
        ...(body.patient.phone === undefined ? {} : { phone: body.patient.phone }),
        ...(body.patient.email === undefined ? {} : { email: body.patient.email }),
        ...(body.patient.address === undefined ? {} : { address: body.patient.address }),
      },
      referrer: body.referrer ?? null,
      statusUrl: `${base}/${id}/status`,
    };
    const result = await deliverSigned({
      url: intakeUrl!,
      secret,
      body: JSON.stringify(payload),
      options: delivery,
      clock,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      ...(deps.sleep ? { sleep: deps.sleep } : {}),
    });
    const at = clock().toISOString();
    const logFields = { referralId: id, activityId: target.id, organizationId: target.organization.id, attempts: result.attempts, httpStatus: result.httpStatus };

    if (!result.ok) {
      await deps.store.addStatus(id, { status: 'delivery_failed', at });
      logger.warn('referral.delivery_failed', { ...logFields, error: result.error });
      return problem(c, 502, {
        type: 'delivery-failed',
        title: 'The provider\'s intake could not be reached',
        detail: `${target.organization.name}: ${result.error}. Refer by phone or e-mail, and give the patient the handout.`,
        referralId: id,
        target: view,
        contact: contactOf(target),
      });
    }
    await deps.store.addStatus(id, { status: 'sent', at });
    logger.info('referral.sent', logFields);
    return c.json({ referralId: id, status: 'sent' as const, statusUrl: `${base}/${id}?token=${token}`, token, target: view }, 202, NO_STORE);
  });

  const authenticateProvider: MiddlewareHandler<Env> = async (c, next) => {
    const id = c.req.param('id') ?? '';
    // Read before anything parses it: the signature covers these exact bytes.
    const raw = await c.req.text();
    const referral = UUID.test(id) ? await deps.store.get(id) : undefined;
    if (!referral) return problem(c, 404, { type: 'referral-not-found', title: 'Referral not found' });
    const secret = deps.secrets(referral.organizationId);
    const signature = c.req.header(SIGNATURE_HEADER);
    const check = secret
      ? verifySignature({ secret, body: raw, timestamp: c.req.header(TIMESTAMP_HEADER), signature, now: clock(), maxAgeSeconds: maxAge, maxFutureSeconds: DEFAULT_MAX_FUTURE_SECONDS })
      : ({ ok: false, reason: 'mismatch' } as const);
    if (!check.ok) {
      logger.warn('referral.status_rejected', { referralId: id, reason: check.reason });
      const stale = check.reason === 'expired' || check.reason === 'future';
      return problem(c, 401, {
        type: stale ? 'signature-expired' : 'invalid-signature',
        title: stale ? 'Signature timestamp outside the allowed window' : 'Invalid signature',
        detail: stale
          ? `X-SK-Timestamp must be within ${maxAge} s before and ${DEFAULT_MAX_FUTURE_SECONDS} s after the server's clock.`
          : 'Sign "<X-SK-Timestamp>.<raw body>" with HMAC-SHA256 and your organisation\'s secret; send X-SK-Signature: sha256=<hex>.',
      });
    }
    const fresh = await deps.store.rememberSignature(signatureDigest(signature!), new Date((check.timestamp + maxAge + 1) * 1000));
    if (!fresh) {
      logger.warn('referral.status_rejected', { referralId: id, reason: 'replay' });
      return problem(c, 409, { type: 'replayed-signature', title: 'This signed request was already used', detail: 'Sign every status update with a new timestamp.' });
    }
    c.set('referral', referral);
    await next();
  };

  const statusRouteDef = createRoute({
    method: 'post',
    path: '/{id}/status',
    tags: ['referrals'],
    summary: 'Provider: report the status of a referral',
    description:
      'Signed like the delivery: X-SK-Timestamp (unix seconds) and X-SK-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>. Older than 5 minutes, or a signature seen before, is refused.',
    middleware: [limit(deps.rateLimit?.status, DEFAULT_STATUS_RATE_LIMIT), sizeLimit(4 * 1024), authenticateProvider] as const,
    request: {
      params: idParams,
      headers: z.object({
        'x-sk-timestamp': z.string().openapi({ description: 'Unix seconds', example: '1767225600' }),
        'x-sk-signature': z.string().openapi({ description: 'sha256=<hex>' }),
      }),
      body: { content: { 'application/json': { schema: statusUpdateSchema } }, required: true },
    },
    responses: {
      200: json(statusAcceptedSchema, 'Recorded.'),
      400: problemJson('Invalid body.'),
      401: problemJson('Missing, wrong or expired signature.'),
      404: problemJson('Unknown referral.'),
      409: problemJson('Replayed signature.'),
      429: problemJson('Rate limited.'),
    },
  });

  app.openapi(statusRouteDef, async (c) => {
    const referral = c.get('referral');
    const update = c.req.valid('json');
    if (update.referralId !== undefined && update.referralId !== referral.id) {
      return problem(c, 400, {
        type: 'invalid-referral',
        title: 'The request has invalid fields',
        errors: [{ parameter: 'referralId', pointer: '/referralId', message: 'does not match the referral in the URL' }],
      });
    }
    const entry = { status: update.status, at: clock().toISOString(), ...(update.reason ? { reason: update.reason } : {}) };
    const updated = (await deps.store.addStatus(referral.id, entry))!;
    logger.info('referral.status', { referralId: referral.id, status: update.status });
    return c.json({ referralId: updated.id, status: updated.status, history: updated.history }, 200, NO_STORE);
  });

  const getRouteDef = createRoute({
    method: 'get',
    path: '/{id}',
    tags: ['referrals'],
    summary: 'GP: status and history of a referral',
    description: 'Needs the token from the statusUrl. Without the right token the answer is 404, whether or not the referral exists.',
    request: { params: idParams, query: z.object({ token: z.string().optional().openapi({ description: 'The capability token from statusUrl.' }) }) },
    responses: {
      200: json(referralViewSchema, 'Status and history; no patient details.'),
      404: problemJson('Unknown referral or wrong token.'),
    },
  });

  const DUMMY_HASH = Buffer.alloc(32);
  app.openapi(getRouteDef, async (c) => {
    const { id } = c.req.valid('param');
    const { token } = c.req.valid('query');
    const referral = UUID.test(id) ? await deps.store.get(id) : undefined;
    const given = Buffer.from(hashToken(token ?? ''), 'hex');
    const stored = referral ? Buffer.from(referral.tokenHash, 'hex') : DUMMY_HASH;
    const tokenOk = stored.length === given.length && timingSafeEqual(stored, given) && referral !== undefined && token !== undefined;
    if (!referral || !tokenOk) return problem(c, 404, { type: 'referral-not-found', title: 'Referral not found' });

    let activity: Activity | null = null;
    try {
      activity = await deps.lookupActivity(referral.activityId);
    } catch {
      // The status is still worth showing while the search engine is down.
    }
    return c.json(
      {
        referralId: referral.id,
        status: referral.status,
        createdAt: referral.createdAt,
        updatedAt: referral.updatedAt,
        history: referral.history,
        target: {
          type: referral.targetType,
          activityId: referral.activityId,
          title: activity?.title ?? null,
          organizationId: referral.organizationId,
          organizationName: activity?.organization.name ?? null,
        },
      },
      200,
      NO_STORE,
    );
  });

  // The `referral` variable is internal; callers mount a plain app.
  return app as unknown as OpenAPIHono<BlankEnv>;
}

/** Adapts a one-object-per-line log function (such as createApp's `log`) to a ReferralLogger. */
export function referralLoggerFromLog(log: (line: Record<string, unknown>) => void, clock: () => Date = () => new Date()): ReferralLogger {
  const at = (level: string) => (event: string, fields?: Record<string, unknown>) => log({ time: clock().toISOString(), level, msg: event, ...fields });
  return { info: at('info'), warn: at('warn'), error: at('error') };
}
