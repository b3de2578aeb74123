/**
 * RFC 9457 problem details. Every error of the API is answered with one of these,
 * and nothing else: no stack traces, no Meilisearch messages.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Problem } from '@sociale-kaart/schema';

const TYPE_BASE = 'https://sociale-kaart.nl/problems/';

export interface ParameterError {
  parameter: string;
  message: string;
}

/** An error that is answered as it is: status, title, detail and optionally per-parameter errors. */
export class ProblemError extends Error {
  override name = 'ProblemError';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly type: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: ParameterError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
  }
}

/** Meilisearch did not answer (in time): 503 with Retry-After. */
export class UpstreamUnavailableError extends ProblemError {
  constructor(retryAfterSeconds = 5) {
    super(503, 'search-unavailable', 'Search is temporarily unavailable', 'The search engine did not answer in time. Try again shortly.', undefined, {
      'Retry-After': String(retryAfterSeconds),
    });
  }
}

export function badRequest(errors: ParameterError[]): ProblemError {
  const detail = errors.map((e) => `${e.parameter}: ${e.message}`).join('; ');
  return new ProblemError(400, 'invalid-parameters', 'Invalid request parameters', detail, errors);
}

export function notFound(detail: string): ProblemError {
  return new ProblemError(404, 'not-found', 'Not found', detail);
}

export function problemBody(p: ProblemError, instance?: string): Problem {
  return {
    type: TYPE_BASE + p.type,
    title: p.title,
    status: p.status,
    ...(p.detail ? { detail: p.detail } : {}),
    ...(instance ? { instance } : {}),
    ...(p.errors ? { errors: p.errors } : {}),
  };
}

export function problemResponse(c: Context, p: ProblemError): Response {
  const body = problemBody(p, new URL(c.req.url).pathname);
  for (const [k, v] of Object.entries(p.headers)) c.header(k, v);
  c.header('Cache-Control', 'no-store');
  return c.body(JSON.stringify(body), p.status, { 'Content-Type': 'application/problem+json; charset=utf-8' });
}
