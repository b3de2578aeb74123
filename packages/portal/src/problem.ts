/** RFC 9457 problem details for the write API; field errors carry a JSON pointer into the body. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from '@hono/zod-openapi';
import { PROBLEM_CONTENT_TYPE, ProblemError, problemBody, type ProblemFieldError } from '@sociale-kaart/schema/problem';
import type { FieldError } from './records.js';

const TYPE_BASE = 'https://sociale-kaart.nl';

export const fieldErrorSchema = z.object({
  pointer: z.string().openapi({ description: 'JSON pointer (RFC 6901) into the request body; empty for the body as a whole', example: '/name' }),
  message: z.string(),
  messageNl: z.string().optional(),
  messageEn: z.string().optional(),
  code: z.string().optional(),
});

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(fieldErrorSchema).optional(),
  })
  .openapi('Problem');

export { ProblemError };

/** Renders a problem as `application/problem+json`, with the request path as `instance` and each field error's own members only. */
export function problemResponse(c: Context, p: ProblemError<ProblemFieldError & Partial<FieldError>>): Response {
  const body = problemBody(p, TYPE_BASE, { instance: c.req.path });
  if (p.errors) body.errors = p.errors.map((e) => ({ pointer: e.pointer, message: e.message, messageNl: e.messageNl, messageEn: e.messageEn, code: e.code }));
  return c.body(JSON.stringify(body), p.status as ContentfulStatusCode, { 'content-type': PROBLEM_CONTENT_TYPE, ...p.headers });
}

export const unauthorized = () =>
  new ProblemError(401, 'unauthorized', 'Authentication required', {
    detail: 'Send "Authorization: Bearer <organisation API key>" with a key that is not revoked.',
    headers: { 'WWW-Authenticate': 'Bearer realm="sociale-kaart"' },
  });
export const forbidden = (organisationId: string) => new ProblemError(403, 'forbidden', 'Not your organisation', { detail: `This API key does not belong to organisation ${organisationId}.` });
export const notFound = (detail: string) => new ProblemError(404, 'not-found', 'Not found', { detail });
export const invalidRecord = (errors: FieldError[]) =>
  new ProblemError(400, 'invalid-record', 'The record is not valid', { detail: `${errors.length} error(s): ${errors.map((e) => `${e.pointer || '/'} ${e.messageEn}`).join('; ')}`, errors });
