/**
 * The write API for systems: /v1/providers/{organizationId}/… with the organisation's API
 * key. Routes are declared with @hono/zod-openapi, so /openapi.json is generated from the
 * same schemas that validate the parameters.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { organisationOfApiKey, type ActivityRow, type Db, type Organisation } from '@sociale-kaart/db';
import { ProblemError, forbidden, invalidRecord, notFound, problemResponse, problemSchema, unauthorized } from './problem.js';
import { KEY_PATTERN, toFieldError } from './records.js';
import { RecordInvalidError, type ActivityService } from './service.js';
import { uploadKind } from './uploads.js';

type Vars = { Variables: { organisation: Organisation } };

const PROBLEM = { 'application/problem+json': { schema: problemSchema } };
const authProblems = {
  401: { description: 'No valid API key', content: PROBLEM },
  403: { description: 'The key belongs to another organisation', content: PROBLEM },
};
const orgParams = z.object({ organizationId: z.string().min(1).max(120).openapi({ param: { name: 'organizationId', in: 'path' }, example: 'buurtkamer-de-linde-3f9a1c' }) });
const keyParams = orgParams.extend({
  key: z.string().regex(KEY_PATTERN, 'letters, digits, ".", "_" and "-" only (at most 120)').openapi({ param: { name: 'key', in: 'path' }, description: "The organisation's own id for the activity", example: 'koffie-ochtend' }),
});

const activitySummary = z
  .object({
    key: z.string(),
    id: z.string().nullable().openapi({ description: 'The (first) activity document id in search' }),
    ids: z.array(z.string()),
    title: z.string().nullable(),
    status: z.enum(['published', 'paused']),
    origin: z.string(),
    assuredDate: z.string(),
    updatedAt: z.string(),
  })
  .openapi('ProviderActivity');

const putResult = z.object({ id: z.string(), ids: z.array(z.string()), published: z.boolean(), created: z.boolean() }).openapi('PutActivityResult');

export function summaryOf(row: ActivityRow) {
  const ids = row.documents.map((d) => String(d.id));
  return {
    key: row.key,
    id: ids[0] ?? null,
    ids,
    title: typeof row.documents[0]?.title === 'string' ? row.documents[0].title : null,
    status: row.status,
    origin: row.origin,
    assuredDate: row.assured_date,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** Every route's invalid parameters or body as one 400 problem with errors[].pointer. */
export const validationHook = (result: { success: boolean; error?: { issues: Array<{ code: string; path: PropertyKey[]; message: string }> } }, c: Context) => {
  if (!result.success) {
    const errors = (result.error?.issues ?? []).map((i) => toFieldError({ code: i.code, path: i.path.join('.'), nl: i.message, en: i.message }));
    return problemResponse(c, new ProblemError(400, 'invalid-parameters', 'Invalid request', { detail: errors.map((e) => `${e.pointer}: ${e.messageEn}`).join('; '), errors }));
  }
  return undefined;
};

export function providersApi(deps: { db: Db; service: ActivityService; clock?: () => Date }): OpenAPIHono<Vars> {
  const app = new OpenAPIHono<Vars>({ defaultHook: validationHook });

  app.use('/:organizationId/*', async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    const owner = m ? await organisationOfApiKey(deps.db, m[1]!, deps.clock?.() ?? new Date()) : undefined;
    if (!owner) throw unauthorized();
    const wanted = c.req.param('organizationId');
    if (owner !== wanted) throw forbidden(wanted);
    const org = await deps.service.organisation(owner);
    if (!org) throw unauthorized();
    c.set('organisation', org);
    await next();
  });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{organizationId}/activities',
      summary: "The organisation's activities (published and paused)",
      request: { params: orgParams },
      responses: { 200: { description: 'Activities', content: { 'application/json': { schema: z.object({ activities: z.array(activitySummary) }) } } }, ...authProblems },
    }),
    async (c) => c.json({ activities: (await deps.service.list(c.get('organisation'))).map(summaryOf) }, 200),
  );

  app.use('/:organizationId/activities/:key', bodyLimit({ maxSize: 1024 * 1024, onError: () => { throw new ProblemError(413, 'too-large', 'Body too large', { detail: 'A service record may be at most 1 MB.' }); } }));
  app.openapi(
    createRoute({
      method: 'put',
      path: '/{organizationId}/activities/{key}',
      summary: 'Create or replace an activity from an HSDS 3.1 service record',
      description:
        'The body is one HSDS 3.1 service, as in a feed (with service_at_locations for its places). Its id, when given, must equal the key; the organisation is always the one in the path. Validated exactly as the indexer validates feeds. Without assured_date, today is taken.',
      request: { params: keyParams, body: { required: true, content: { 'application/json': { schema: z.record(z.string(), z.unknown()).openapi('HsdsService') } } } },
      responses: {
        200: { description: 'Replaced and published (or kept paused)', content: { 'application/json': { schema: putResult } } },
        201: { description: 'Created and published', content: { 'application/json': { schema: putResult } } },
        400: { description: 'The record is not valid: errors[].pointer points into the body', content: PROBLEM },
        ...authProblems,
      },
    }),
    async (c) => {
      const { key } = c.req.valid('param');
      try {
        const r = await deps.service.put(c.get('organisation'), key, c.req.valid('json'), 'api');
        return c.json({ id: r.ids[0]!, ids: r.ids, published: r.published, created: r.created }, r.created ? 201 : 200);
      } catch (err) {
        if (err instanceof RecordInvalidError) throw invalidRecord(err.errors);
        throw err;
      }
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/{organizationId}/activities/{key}',
      summary: 'Delete an activity (gone from search at once)',
      request: { params: keyParams },
      responses: { 204: { description: 'Deleted' }, 404: { description: 'No such activity', content: PROBLEM }, ...authProblems },
    }),
    async (c) => {
      const { key } = c.req.valid('param');
      if (!(await deps.service.remove(c.get('organisation'), key))) throw notFound(`organisation ${c.get('organisation').id} has no activity ${key}`);
      return c.body(null, 204);
    },
  );

  app.use('/:organizationId/uploads', bodyLimit({ maxSize: 20 * 1024 * 1024, onError: () => { throw new ProblemError(413, 'too-large', 'Upload too large', { detail: 'An upload may be at most 20 MB.' }); } }));
  app.openapi(
    createRoute({
      method: 'post',
      path: '/{organizationId}/uploads',
      summary: 'Validate (and with publish=true publish) a CSV template or an HSDS file',
      description:
        'The body is the file: the CSV template (UTF-8, with or without BOM, or Windows-1252; ";" or "," separated) or HSDS JSON / NDJSON. The answer is the indexer\'s validation report. Records not in the file stay as they are.',
      request: {
        params: orgParams,
        query: z.object({ publish: z.enum(['true', 'false']).optional().openapi({ description: 'Publish the valid records' }), name: z.string().max(200).optional().openapi({ description: 'File name shown in the report' }) }),
        body: { required: true, content: { 'text/csv': { schema: z.string().openapi({ format: 'binary' }) }, 'application/x-ndjson': { schema: z.string().openapi({ format: 'binary' }) } } },
      },
      responses: {
        200: { description: 'The validation report, with how many records are valid and published', content: { 'application/json': { schema: z.object({ valid: z.number().int(), published: z.number().int(), report: z.record(z.string(), z.unknown()) }) } } },
        400: { description: 'The file could not be read at all', content: PROBLEM },
        ...authProblems,
      },
    }),
    async (c) => {
      const { publish, name } = c.req.valid('query');
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.length === 0) throw new ProblemError(400, 'empty-upload', 'Empty upload', { detail: 'The body is empty: send the file as the request body.', errors: [{ pointer: '', message: 'empty body' }] });
      const kind = uploadKind(bytes, c.req.header('content-type'), name);
      const outcome = await deps.service.upload(c.get('organisation'), { bytes, kind }, { publish: publish === 'true', name: name ?? `upload.${kind}` });
      const unreadable = outcome.report.inputs.find((i) => i.error);
      if (unreadable) throw new ProblemError(400, 'unreadable-upload', 'The file could not be read', { detail: unreadable.error, errors: [{ pointer: '', message: unreadable.error ?? '' }] });
      return c.json({ valid: outcome.valid, published: outcome.published, report: outcome.report as unknown as Record<string, unknown> }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{organizationId}/confirm',
      summary: '"Alles klopt nog": set assured_date to today for all activities',
      request: { params: orgParams },
      responses: { 200: { description: 'Confirmed', content: { 'application/json': { schema: z.object({ assuredDate: z.string(), confirmed: z.number().int() }) } } }, ...authProblems },
    }),
    async (c) => c.json(await deps.service.confirmAll(c.get('organisation')), 200),
  );

  return app;
}
