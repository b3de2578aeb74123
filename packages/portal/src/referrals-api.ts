/**
 * The inbox for systems and for the inbox pages' scripts: /v1/providers/{organizationId}/
 * referral-key and …/referrals. A caller is the organisation's API key, or a signed-in
 * editor of that organisation (a write then also carries the page's CSRF token in
 * X-CSRF-Token). The server only ever sees sealed payloads: it hands them out, stores the
 * re-sealed one of a handover, and records statuses; it can open none of them.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import {
  appendReferralStatus,
  organisationOfApiKey,
  referralKeysOf,
  sessionUser,
  setReferralKey,
  type Db,
  type Organisation,
  type ReferralRow,
} from '@sociale-kaart/db';
import { historyEntrySchema, referralPublicKeySchema, referralPublicPart, sealedReferralSchema, statusUpdateSchema, type ProviderStatus, type ReferralPublicKey } from '@sociale-kaart/schema';
import { validationHook } from './api.js';
import { handoverTarget, handoverTargets, inboxReferral, inboxReferrals, markOpened, INBOX_TABS, type InboxTab } from './inbox-store.js';
import { CSRF_COOKIE, SESSION_COOKIE } from './pages/session.js';
import { ProblemError, forbidden, notFound, problemSchema, unauthorized } from './problem.js';

type Vars = { Variables: { organisation: Organisation } };

const PROBLEM = { 'application/problem+json': { schema: problemSchema } };
const authProblems = {
  401: { description: 'No valid API key or session', content: PROBLEM },
  403: { description: 'The key or user belongs to another organisation, or the CSRF token is missing', content: PROBLEM },
};
const orgParams = z.object({ organizationId: z.string().min(1).max(120).openapi({ param: { name: 'organizationId', in: 'path' }, example: 'buurtkamer-de-linde-3f9a1c' }) });
const referralParams = orgParams.extend({ id: z.string().min(1).max(200).openapi({ param: { name: 'id', in: 'path' }, example: 'ref_8f3a…' }) });

const inboxReferralSchema = z
  .object({
    referralId: z.string(),
    target: z.enum(['activity', 'coach']),
    activityId: z.string(),
    organizationId: z.string(),
    reasons: z.array(z.string()),
    status: z.string(),
    history: z.array(historyEntrySchema),
    createdAt: z.string(),
    updatedAt: z.string(),
    openedAt: z.string().nullable(),
    firstContactAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    payloadDeletedAt: z.string().nullable().openapi({ description: 'Set when retention deleted the sealed payload; the history stays.' }),
    assigneeUserId: z.number().int().nullable(),
    sealed: sealedReferralSchema.nullable().openapi({ description: 'Open it with the team key (see @sociale-kaart/sealing); null after retention.' }),
    publicPart: z.record(z.string(), z.unknown()).nullable().openapi({ description: 'The associated data the payload is sealed to (referralPublicPart).' }),
  })
  .openapi('InboxReferral');

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function inboxReferralView(row: ReferralRow): z.infer<typeof inboxReferralSchema> {
  return {
    referralId: row.id,
    target: row.target_type,
    activityId: row.activity_id,
    organizationId: row.organisation_id,
    reasons: row.reasons,
    status: row.status,
    history: row.history as z.infer<typeof historyEntrySchema>[],
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    openedAt: iso(row.opened_at),
    firstContactAt: iso(row.first_contact_at),
    closedAt: iso(row.closed_at),
    payloadDeletedAt: iso(row.payload_deleted_at),
    assigneeUserId: row.assignee_user_id,
    sealed: row.sealed,
    publicPart: row.public_part,
  };
}

/** The public part a payload for `organizationId` must be sealed to: the stored one with only the organisation changed. */
export function publicPartFor(row: ReferralRow, organizationId: string) {
  const stored = (row.public_part ?? {}) as { target?: 'activity' | 'coach'; activityId?: string; reasons?: string[] };
  return referralPublicPart({ target: stored.target ?? row.target_type, activityId: stored.activityId ?? row.activity_id, organizationId, reasons: stored.reasons ?? row.reasons });
}

/** Why a status update is refused beyond its schema: a decline needs a reason the GP can read. */
export function statusProblem(update: { status: ProviderStatus; reason?: string | undefined }): ProblemError | undefined {
  if (update.status === 'declined' && !update.reason) {
    return new ProblemError(400, 'invalid-status', 'A reason is required', { detail: 'declined needs a reason (shown to the GP, no medical details)', errors: [
      { pointer: '/reason', message: 'Geef een reden (Give a reason)', messageNl: 'Geef een reden', messageEn: 'Give a reason', code: 'required' },
    ] });
  }
  return undefined;
}

function sameToken(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** The API key's organisation, or a signed-in editor's (with the CSRF token on writes). */
function callerOf(deps: { db: Db; clock: () => Date }): MiddlewareHandler<Vars> {
  return async (c, next) => {
    const wanted = c.req.param('organizationId') ?? '';
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
    let owner: string | undefined;
    if (bearer) {
      owner = await organisationOfApiKey(deps.db, bearer[1]!, deps.clock());
    } else {
      const session = getCookie(c, SESSION_COOKIE);
      const user = session ? await sessionUser(deps.db, session, deps.clock()) : undefined;
      if (user) {
        if (user.role !== 'editor' || !user.organisation_id) throw forbidden(wanted);
        owner = user.organisation_id;
        // A cookie rides along on any cross-site request; the token from the page does not.
        const csrf = getCookie(c, CSRF_COOKIE) ?? '';
        if (c.req.method !== 'GET' && !(csrf && sameToken(c.req.header('x-csrf-token') ?? '', csrf))) {
          throw new ProblemError(403, 'csrf', 'CSRF token missing', { detail: 'Send the page\'s CSRF token in X-CSRF-Token.' });
        }
      }
    }
    if (!owner) throw unauthorized();
    if (owner !== wanted) throw forbidden(wanted);
    const org = await deps.db.selectFrom('organisations').selectAll().where('id', '=', owner).executeTakeFirst();
    if (!org) throw unauthorized();
    c.set('organisation', org);
    await next();
  };
}

export function referralsApi(deps: { db: Db; clock?: () => Date }): OpenAPIHono<Vars> {
  const clock = deps.clock ?? (() => new Date());
  const db = deps.db;
  const app = new OpenAPIHono<Vars>({ defaultHook: validationHook });
  const auth = callerOf({ db, clock });
  for (const path of ['/:organizationId/referral-key', '/:organizationId/referrals', '/:organizationId/referrals/*', '/:organizationId/handover-targets']) app.use(path, auth);

  const mine = async (c: Context<Vars>, id: string) => {
    const row = await inboxReferral(db, c.get('organisation').id, id);
    if (!row) throw notFound(`organisation ${c.get('organisation').id} has no inbox referral ${id}`);
    return row;
  };

  app.openapi(
    createRoute({
      method: 'put',
      path: '/{organizationId}/referral-key',
      summary: "Publish the coach team's public key for sealed referrals",
      description:
        'The body is the public JWK (EC P-256, kid = its RFC 7638 thumbprint), made in the coach\'s browser. It becomes the current key; the one before is retired but stays listed, and coaches keep its private key to open older referrals. A JWK with a private member is refused.',
      request: { params: orgParams, body: { required: true, content: { 'application/json': { schema: referralPublicKeySchema } } } },
      responses: {
        200: { description: 'The current key', content: { 'application/json': { schema: z.object({ kid: z.string(), createdAt: z.string(), publicKey: referralPublicKeySchema }) } } },
        400: { description: 'Not an acceptable public key (errors[].pointer)', content: PROBLEM },
        ...authProblems,
      },
    }),
    async (c) => {
      const jwk = c.req.valid('json');
      const row = await setReferralKey(db, c.get('organisation').id, jwk.kid, jwk, clock());
      return c.json({ kid: row.kid, createdAt: iso(row.created_at)!, publicKey: jwk }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{organizationId}/referral-key',
      summary: "The organisation's keys: the current one and the retired ones",
      request: { params: orgParams },
      responses: {
        200: {
          description: 'Keys, newest first',
          content: { 'application/json': { schema: z.object({ current: z.string().nullable(), keys: z.array(z.object({ kid: z.string(), createdAt: z.string(), retiredAt: z.string().nullable() })) }) } },
        },
        ...authProblems,
      },
    }),
    async (c) => {
      const keys = await referralKeysOf(db, c.get('organisation').id);
      return c.json({ current: keys.find((k) => !k.retired_at)?.kid ?? null, keys: keys.map((k) => ({ kid: k.kid, createdAt: iso(k.created_at)!, retiredAt: iso(k.retired_at) })) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{organizationId}/referrals',
      summary: 'The inbox: sealed referrals with their public part and status',
      request: { params: orgParams, query: z.object({ tab: z.enum(['new', 'active', 'done']).optional().openapi({ description: `new = ${INBOX_TABS.new.join('/')}, active = ${INBOX_TABS.active.join('/')}, done = ${INBOX_TABS.done.join('/')}` }) }) },
      responses: { 200: { description: 'Newest first (at most 500)', content: { 'application/json': { schema: z.object({ referrals: z.array(inboxReferralSchema) }) } } }, ...authProblems },
    }),
    async (c) => {
      const { tab } = c.req.valid('query');
      return c.json({ referrals: (await inboxReferrals(db, c.get('organisation').id, tab as InboxTab | undefined)).map(inboxReferralView) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{organizationId}/referrals/{id}',
      summary: 'One sealed referral; fetching it marks it opened (and received)',
      request: { params: referralParams },
      responses: { 200: { description: 'The referral', content: { 'application/json': { schema: inboxReferralSchema } } }, 404: { description: 'Not in this inbox', content: PROBLEM }, ...authProblems },
    }),
    async (c) => {
      const row = await mine(c, c.req.valid('param').id);
      return c.json(inboxReferralView(await markOpened(db, row, clock())), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{organizationId}/referrals/{id}/status',
      summary: "A coach's status: received, contacted, started (optionally naming the activity), declined (with a reason), closed",
      request: { params: referralParams, body: { required: true, content: { 'application/json': { schema: statusUpdateSchema } } } },
      responses: {
        200: { description: 'The referral with its new status', content: { 'application/json': { schema: inboxReferralSchema } } },
        400: { description: 'Invalid status (errors[].pointer)', content: PROBLEM },
        404: { description: 'Not in this inbox', content: PROBLEM },
        ...authProblems,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const update = c.req.valid('json');
      if (update.referralId !== undefined && update.referralId !== id) {
        throw new ProblemError(400, 'invalid-status', 'Wrong referral', { detail: `referralId ${update.referralId} is not ${id}`, errors: [{ pointer: '/referralId', message: 'must equal the id in the path' }] });
      }
      const problem = statusProblem(update);
      if (problem) throw problem;
      const row = await mine(c, id);
      const at = clock().toISOString();
      const entry = { status: update.status, at, ...(update.reason ? { reason: update.reason } : {}), ...(update.status === 'started' && update.activityId ? { activityId: update.activityId } : {}) };
      return c.json(inboxReferralView((await appendReferralStatus(db, row.id, entry))!), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{organizationId}/handover-targets',
      summary: 'Organisations a referral can be handed over to, with the public key to re-seal it to',
      request: { params: orgParams },
      responses: {
        200: { description: 'Verified inbox organisations with a key', content: { 'application/json': { schema: z.object({ targets: z.array(z.object({ organizationId: z.string(), name: z.string(), publicKey: referralPublicKeySchema })) }) } } },
        ...authProblems,
      },
    }),
    async (c) => c.json({ targets: (await handoverTargets(db, c.get('organisation').id)) as Array<{ organizationId: string; name: string; publicKey: ReferralPublicKey }> }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{organizationId}/referrals/{id}/handover',
      summary: "Warm handover to another organisation's inbox, with the payload re-sealed to its key",
      description:
        'Open the referral, seal the same patient part to the other organisation\'s current key (handover-targets) with the public part of this referral where only organizationId is the new one (referralPublicPart), and post it here. The history gets handed_over with `to`; the referral leaves this inbox.',
      request: { params: referralParams, body: { required: true, content: { 'application/json': { schema: z.strictObject({ organizationId: z.string().min(1).max(120), sealed: sealedReferralSchema }) } } } },
      responses: {
        200: { description: 'Handed over', content: { 'application/json': { schema: inboxReferralSchema } } },
        400: { description: 'Invalid body', content: PROBLEM },
        404: { description: 'Not in this inbox', content: PROBLEM },
        409: { description: 'The payload was deleted (retention)', content: PROBLEM },
        422: { description: 'The organisation cannot receive it, or the payload is not sealed to its current key', content: PROBLEM },
        ...authProblems,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { organizationId, sealed } = c.req.valid('json');
      const row = await mine(c, id);
      if (!row.sealed) throw new ProblemError(409, 'payload-deleted', 'Nothing to hand over', { detail: `the payload of referral ${id} was deleted after its retention period` });
      if (organizationId === row.organisation_id) throw new ProblemError(422, 'handover-refused', 'Same organisation', { detail: 'hand over to another organisation, or assign a colleague in the inbox', errors: [{ pointer: '/organizationId', message: 'is this organisation' }] });
      const target = await handoverTarget(db, organizationId);
      if ('error' in target) throw new ProblemError(422, 'handover-refused', 'Cannot hand over there', { detail: `organisation ${organizationId} ${target.error}`, errors: [{ pointer: '/organizationId', message: target.error! }] });
      if (sealed.kid !== target.key.kid) {
        throw new ProblemError(422, 'handover-refused', 'Sealed to the wrong key', { detail: `the payload is sealed to kid ${sealed.kid}, but ${organizationId}'s current key is ${target.key.kid}`, errors: [{ pointer: '/sealed/kid', message: 'not the current key of that organisation' }] });
      }
      const entry = { status: 'handed_over', at: clock().toISOString(), to: { organizationId, organizationName: target.org.name } };
      const moved = await appendReferralStatus(db, row.id, entry, { organisationId: organizationId, sealed, publicPart: { ...publicPartFor(row, organizationId) } });
      return c.json(inboxReferralView(moved!), 200);
    },
  );

  return app;
}
