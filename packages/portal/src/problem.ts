/** RFC 9457 problem details for the write API; field errors carry a JSON pointer into the body. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from '@hono/zod-openapi';
import type { FieldError } from './records.js';

const TYPE_BASE = 'https://sociale-kaart.nl/problems/';

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

export class ProblemError extends Error {
  override name = 'ProblemError';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly type: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: Array<Pick<FieldError, 'pointer' | 'message'> & Partial<FieldError>>,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
  }
}

export function problemResponse(c: Context, p: ProblemError): Response {
  const body = {
    type: TYPE_BASE + p.type,
    title: p.title,
    status: p.status,
    ...(p.detail ? { detail: p.detail } : {}),
    instance: c.req.path,
    ...(p.errors ? { errors: p.errors.map((e) => ({ pointer: e.pointer, message: e.message, messageNl: e.messageNl, messageEn: e.messageEn, code: e.code })) } : {}),
  };
  return c.body(JSON.stringify(body), p.status, { 'content-type': 'application/problem+json', ...p.headers });
}

export const unauthorized = () =>
  new ProblemError(401, 'unauthorized', 'Authentication required', 'Send "Authorization: Bearer <organisation API key>" with a key that is not revoked.', undefined, {
    'WWW-Authenticate': 'Bearer realm="sociale-kaart"',
  });
export const forbidden = (organisationId: string) => new ProblemError(403, 'forbidden', 'Not your organisation', `This API key does not belong to organisation ${organisationId}.`);
export const notFound = (detail: string) => new ProblemError(404, 'not-found', 'Not found', detail);
export const invalidRecord = (errors: FieldError[]) =>
  new ProblemError(400, 'invalid-record', 'The record is not valid', `${errors.length} error(s): ${errors.map((e) => `${e.pointer || '/'} ${e.messageEn}`).join('; ')}`, errors);
