/**
 * RFC 9457 problem details: the one way every route of the API answers an error. Handlers
 * throw a {@link ProblemError}; the shared `onError` (errors.ts) renders it. Nothing else
 * reaches a client: no stack traces, no Meilisearch messages, no intake's answer.
 *
 * `type` is `{public base URL}/problems/<type>`: a URI under the API's own origin that
 * answers a short description of the problem (see problem-types.ts and the ops routes).
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { PROBLEM_CONTENT_TYPE, ProblemError, problemBody, problemTypeUri, type ProblemInit, type ProblemMembers } from '@sociale-kaart/schema/problem';

export const NO_STORE = { 'Cache-Control': 'no-store' } as const;

export interface FieldError {
  /** Dotted path of the parameter or body field, e.g. `patient.phone`. */
  parameter: string;
  /** The same as a JSON Pointer (RFC 6901), e.g. `/patient/phone`. */
  pointer: string;
  message: string;
}

export { ProblemError, problemTypeUri, type ProblemInit, type ProblemMembers };

/** Meilisearch did not answer (in time): 503 with Retry-After. */
export class UpstreamUnavailableError extends ProblemError {
  constructor(retryAfterSeconds = 5) {
    super(503, 'search-unavailable', 'Search is temporarily unavailable', {
      detail: 'The search engine did not answer in time. Try again shortly.',
      headers: { 'Retry-After': String(retryAfterSeconds) },
    });
  }
}

export function badRequest(errors: FieldError[], type = 'invalid-parameters', title = 'Invalid request parameters'): ProblemError<FieldError> {
  return new ProblemError(400, type, title, { detail: errors.map((e) => `${e.parameter}: ${e.message}`).join('; '), errors });
}

export function notFound(detail: string, type = 'not-found', title = 'Not found'): ProblemError {
  return new ProblemError(404, type, title, { detail });
}

/**
 * Zod issues → one entry per bad parameter or field; unknown keys are named one by one.
 * `noun` words the unknown-key message ("unknown parameter" for a query, "unknown field" for a body).
 */
export function fieldErrors(error: z.ZodError, noun: 'parameter' | 'field' = 'field'): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k.slice(0, 60)]) : [issue.path];
    for (const path of paths) {
      const parts = path.map(String);
      out.push({
        // A query parameter is named as the client wrote it (`day`, not `day.0`).
        parameter: (noun === 'parameter' ? parts[0] : parts.join('.')) || (noun === 'parameter' ? '(query)' : '(body)'),
        pointer: parts.map((p) => `/${p.replaceAll('~', '~0').replaceAll('/', '~1')}`).join(''),
        message: issue.code === 'unrecognized_keys' ? `unknown ${noun}` : issue.message,
      });
    }
  }
  return out;
}

/** Renders a problem as `application/problem+json`, never cached. */
export function problemResponse(c: Context, p: ProblemError, base: string): Response {
  // No `instance`: a referral's path carries its id, and its 404 must read the same whether it exists.
  const body = problemBody(p, base);
  // c.header/c.body keep what middleware already set (CORS, security headers).
  for (const [k, v] of Object.entries({ ...p.headers, ...NO_STORE })) c.header(k, v);
  return c.body(JSON.stringify(body), p.status as ContentfulStatusCode, { 'Content-Type': PROBLEM_CONTENT_TYPE });
}
