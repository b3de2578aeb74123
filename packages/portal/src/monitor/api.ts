/**
 * GET /v1/monitor: the monitor's numbers as JSON (or the tidy CSV with format=csv), for a
 * gemeente's own reporting. Operators and gemeente viewers only: with a monitor token
 * ("Authorization: Bearer skm_…", from `sociale-kaart-admin monitor token create`) or the
 * portal session. Editors get 403.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { getCookie } from 'hono/cookie';
import { sessionUser, type User } from '@sociale-kaart/db';
import { ProblemError, problemSchema } from '../problem.js';
import { dateInNetherlands } from '../service.js';
import { SESSION_COOKIE } from '../pages/session.js';
import { canSeeMonitor, monitorScope, userOfMonitorToken } from './access.js';
import { monitorCsv } from './csv.js';
import { monitorQuerySchema, parseMonitorQuery } from './params.js';
import { buildReport, FUNNEL_STAGES } from './report.js';
import type { MonitorSource } from './supply.js';

const PROBLEM = { 'application/problem+json': { schema: problemSchema } };

const cell = z.union([z.number().int(), z.object({ suppressed: z.literal(true) })]).openapi('MonitorCell', { description: 'A count of people, or `{ "suppressed": true }` when it is under 5 or would reveal one.' });
const days = z.union([z.number(), z.object({ suppressed: z.literal(true) })]);

export const monitorReportSchema = z
  .object({
    period: z.object({ from: z.string(), to: z.string(), gemeente: z.string().nullable() }),
    suppression: z.object({ threshold: z.number().int() }),
    referrals: z.object({
      total: cell,
      perMonth: z.array(z.object({ month: z.string(), count: cell })),
      byReason: z.array(z.object({ reason: z.string(), label: z.string(), count: cell })),
      byPractice: z.array(z.object({ practice: z.string().openapi({ description: '"praktijk A/B/…", or the name the operator gave it' }), count: cell })),
      funnel: z.array(z.object({ stage: z.enum(FUNNEL_STAGES), count: cell })),
      declined: z.object({ total: cell, byReason: z.array(z.object({ reason: z.string(), count: cell })) }),
      firstContactDays: z.array(z.object({ month: z.string(), contacted: cell, median: days, p90: days })).openapi({ description: 'Days from referral to first contact per month of referral (percentile_cont, linear interpolation); suppressed below 5 contacted referrals.' }),
      startedByCategory: z.array(z.object({ category: z.string(), label: z.string(), count: cell })),
    }),
    supply: z
      .object({
        activities: z.number().int(),
        byCategory: z.array(z.object({ category: z.string(), label: z.string(), count: z.number().int() })),
        byGemeente: z.array(z.object({ gemeente: z.string(), count: z.number().int() })),
        byPostcode: z.array(z.object({ pc4: z.string(), count: z.number().int() })),
        welzijnOpRecept: z.object({ count: z.number().int(), share: z.number() }),
        stale: z.object({ count: z.number().int(), share: z.number(), staleDays: z.number().int() }),
        organisations: z.object({ total: z.number().int(), neverConfirmed: z.number().int() }),
      })
      .nullable()
      .openapi({ description: 'Activities on offer (public data, exact counts); null when the search index could not be read.' }),
  })
  .openapi('MonitorReport');

/** The user behind the request: a monitor token first, else the portal session. */
async function requester(source: MonitorSource, authorization: string | undefined, session: string | undefined, now: Date): Promise<User | undefined> {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (m) return userOfMonitorToken(source.db, m[1]!, now);
  return session ? sessionUser(source.db, session, now) : undefined;
}

export function monitorApi(deps: { source: MonitorSource; clock: () => Date; log?: (line: Record<string, unknown>) => void }): OpenAPIHono {
  const app = new OpenAPIHono();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'Welzijn op Recept in numbers: referrals, funnel, time to first contact, and the offer',
      description:
        'Aggregates only; every count of people under 5 is `{ "suppressed": true }`, and so is any cell that a shown total would reveal. `format=csv` answers one tidy table: measure,dimension,value,suppressed.',
      security: [{ monitorToken: [] }],
      request: { query: monitorQuerySchema },
      responses: {
        200: { description: 'The monitor', content: { 'application/json': { schema: monitorReportSchema }, 'text/csv': { schema: z.string() } } },
        400: { description: 'A parameter is not valid: errors[].pointer names it', content: PROBLEM },
        401: { description: 'No valid monitor token or session', content: PROBLEM },
        403: { description: 'Not an operator or gemeente viewer, or a gemeente viewer asking for another gemeente than their own', content: PROBLEM },
      },
    }),
    async (c) => {
      const now = deps.clock();
      const user = await requester(deps.source, c.req.header('authorization'), getCookie(c, SESSION_COOKIE), now);
      if (!user) {
        throw new ProblemError(401, 'unauthorized', 'Authentication required', {
          detail: 'Send "Authorization: Bearer <monitor token>" (sociale-kaart-admin monitor token create) or sign in to the portal.',
          headers: { 'WWW-Authenticate': 'Bearer realm="sociale-kaart-monitor"' },
        });
      }
      if (!canSeeMonitor(user)) throw new ProblemError(403, 'forbidden', 'Not allowed', { detail: 'The monitor is for operators and gemeente viewers.' });
      const parsed = parseMonitorQuery(c.req.query(), dateInNetherlands(now));
      if (!parsed.ok) {
        throw new ProblemError(400, 'invalid-parameters', 'Invalid request', {
          detail: parsed.errors.map((e) => e.message).join('; '),
          errors: parsed.errors.map((e) => ({ pointer: `/query/${e.parameter}`, message: e.message, code: e.parameter })),
        });
      }
      const scope = monitorScope(user, parsed.query.gemeente);
      if (!scope.ok) {
        throw new ProblemError(403, 'forbidden', 'Not allowed', {
          detail:
            scope.reason === 'no-gemeente'
              ? 'No gemeente is set for this gemeente viewer: the operator sets it (sociale-kaart-admin user invite --email … --role gemeente_viewer --gemeente …).'
              : `A gemeente viewer sees only their own gemeente (${scope.own}): leave out gemeente, or ask for ${scope.own}.`,
        });
      }
      const report = await buildReport(deps.source, { ...parsed.query, gemeente: scope.gemeente }, deps.log);
      c.header('cache-control', 'private, no-store');
      if (parsed.format === 'csv') {
        const name = `monitor-${parsed.query.from}-${parsed.query.to}.csv`;
        return c.body(monitorCsv(report), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` });
      }
      return c.json(report, 200);
    },
  );
  return app;
}
