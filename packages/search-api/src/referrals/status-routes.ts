/**
 * The provider's and the GP's side of a referral after delivery: the provider posts statuses
 * (HMAC-signed like the delivery, replay-protected), the GP reads them with the capability
 * token from the status URL. Only ids, statuses and timestamps are involved here.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { referralProblemSchema, referralViewSchema, statusAcceptedSchema, statusUpdateSchema, type Activity } from '@sociale-kaart/schema';
import type { Logger } from '../http/log.js';
import { NO_STORE, ProblemError, badRequest } from '../http/problem.js';
import type { VerifiedReferrer } from './referrer-token.js';
import { isInboxRoute, type IntakeRoutes } from './routes.js';
import { DEFAULT_MAX_AGE_SECONDS, DEFAULT_MAX_FUTURE_SECONDS, SIGNATURE_HEADER, TIMESTAMP_HEADER, signatureDigest, verifySignature } from './signature.js';
import type { ReferralRecord, ReferralStore } from './store.js';

export type ReferralEnv = { Variables: { referral: ReferralRecord; referrer: VerifiedReferrer } };

export interface StatusRoutesDeps {
  store: ReferralStore;
  routes: IntakeRoutes;
  lookupActivity(id: string): Promise<Activity | null>;
  clock: () => Date;
  logger: Logger;
  maxAgeSeconds: number | undefined;
  rateLimit: MiddlewareHandler;
  sizeLimit: MiddlewareHandler;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What is stored of the GP's capability token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const problemJson = (description: string) => ({ content: { 'application/problem+json': { schema: referralProblemSchema } }, description });
const idParams = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: '0b6f3c1e-7d7a-4c1e-9a57-6a0c2f4f1b2d' }) });

export function addStatusRoutes(app: OpenAPIHono<ReferralEnv>, deps: StatusRoutesDeps): void {
  const { clock, logger } = deps;
  const maxAge = deps.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS;

  const authenticateProvider: MiddlewareHandler<ReferralEnv> = async (c, next) => {
    const id = c.req.param('id') ?? '';
    // Read before anything parses it: the signature covers these exact bytes.
    const raw = await c.req.text();
    const referral = UUID.test(id) ? await deps.store.get(id) : undefined;
    if (!referral) throw new ProblemError(404, 'referral-not-found', 'Referral not found');
    const route = await deps.routes.routeFor(referral.organizationId);
    // An inbox referral's statuses come from the portal, never from a signed post here.
    const secret = route && !isInboxRoute(route) ? route.secret : undefined;
    const signature = c.req.header(SIGNATURE_HEADER);
    const check = secret
      ? verifySignature({ secret, body: raw, timestamp: c.req.header(TIMESTAMP_HEADER), signature, now: clock(), maxAgeSeconds: maxAge, maxFutureSeconds: DEFAULT_MAX_FUTURE_SECONDS })
      : ({ ok: false, reason: 'mismatch' } as const);
    if (!check.ok) {
      logger.warn('referral.status_rejected', { referralId: id, reason: check.reason });
      const stale = check.reason === 'expired' || check.reason === 'future';
      throw new ProblemError(401, stale ? 'signature-expired' : 'invalid-signature', stale ? 'Signature timestamp outside the allowed window' : 'Invalid signature', {
        detail: stale
          ? `X-SK-Timestamp must be within ${maxAge} s before and ${DEFAULT_MAX_FUTURE_SECONDS} s after the server's clock.`
          : 'Sign "<X-SK-Timestamp>.<raw body>" with HMAC-SHA256 and your organisation\'s secret; send X-SK-Signature: sha256=<hex>.',
      });
    }
    const fresh = await deps.store.rememberSignature(signatureDigest(signature!), new Date((check.timestamp + maxAge + 1) * 1000));
    if (!fresh) {
      logger.warn('referral.status_rejected', { referralId: id, reason: 'replay' });
      throw new ProblemError(409, 'replayed-signature', 'This signed request was already used', { detail: 'Sign every status update with a new timestamp.' });
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
    middleware: [deps.rateLimit, deps.sizeLimit, authenticateProvider] as const,
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
      throw badRequest([{ parameter: 'referralId', pointer: '/referralId', message: 'does not match the referral in the URL' }], 'invalid-referral', 'The request has invalid fields');
    }
    const entry = {
      status: update.status,
      at: clock().toISOString(),
      ...(update.reason ? { reason: update.reason } : {}),
      ...(update.status === 'started' && update.activityId ? { activityId: update.activityId } : {}),
    };
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
    if (!referral || !tokenOk) throw new ProblemError(404, 'referral-not-found', 'Referral not found');

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

}
