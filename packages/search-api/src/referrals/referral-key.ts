/**
 * GET /v1/organizations/{organizationId}/referral-key: the organisation's current public key
 * for sealed referrals, which the referral dialog seals the patient part to before it leaves
 * the GP's browser. Keys rotate, so the answer is revalidated every time (`no-cache`).
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { BlankEnv } from 'hono/types';
import { referralProblemSchema, referralPublicKeySchema } from '@sociale-kaart/schema';
import { installErrorHandling, validationHook } from '../http/errors.js';
import type { Logger } from '../http/log.js';
import { ProblemError } from '../http/problem.js';
import type { ReferralKeys } from './db-routes.js';

export interface ReferralKeyAppDeps {
  keys: ReferralKeys;
  publicBaseUrl?: string | undefined;
  logger: Logger;
}

const ORGANIZATION_ID = /^[A-Za-z0-9._:-]{1,200}$/;

export function createReferralKeyApp(deps: ReferralKeyAppDeps): OpenAPIHono<BlankEnv> {
  const app = new OpenAPIHono<BlankEnv>({ defaultHook: validationHook() });
  installErrorHandling(app, { problemBase: deps.publicBaseUrl, logger: deps.logger });
  const route = createRoute({
    method: 'get',
    path: '/{organizationId}/referral-key',
    tags: ['referrals'],
    summary: 'The public key to seal a referral to (hosted inbox)',
    description:
      'The receiving organisation\'s current public key (EC P-256 JWK, `kid` = its RFC 7638 thumbprint). Seal the patient part to it with HPKE (see `SealedReferral`) and send it as `sealed` to POST /v1/referrals. Keys rotate: fetch it for every referral (Cache-Control: no-cache).',
    request: {
      params: z.object({
        organizationId: z.string().regex(ORGANIZATION_ID, 'not an organisation id').openapi({ param: { name: 'organizationId', in: 'path' }, example: 'buurtkamer-utrecht-3f9a1c' }),
      }),
    },
    responses: {
      200: { content: { 'application/json': { schema: referralPublicKeySchema } }, description: 'The current key.' },
      404: { content: { 'application/problem+json': { schema: referralProblemSchema } }, description: 'The organisation has no key for sealed referrals (`referral-key-not-found`).' },
    },
  });
  app.openapi(route, async (c) => {
    const { organizationId } = c.req.valid('param');
    const key = await deps.keys.currentKey(organizationId);
    if (!key) {
      throw new ProblemError(404, 'referral-key-not-found', 'No key for sealed referrals', {
        detail: `Organisation "${organizationId}" has no key for sealed referrals on this server.`,
        headers: { 'Cache-Control': 'no-cache' },
      });
    }
    return c.json(key, 200, { 'Cache-Control': 'no-cache' });
  });
  return app;
}
