/**
 * The one `onError`, `notFound` and zod validation hook of the API. Installed on the root
 * app (and on the referral app, so that it also answers problem+json when mounted alone).
 */
import type { Hook } from '@hono/zod-openapi';
import type { Context, Env, ErrorHandler, Hono, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { FilterError } from '@sociale-kaart/meili';
import type { z } from 'zod';
import type { Logger } from './log.js';
import { ProblemError, badRequest, fieldErrors, notFound, problemResponse } from './problem.js';

export interface ErrorHandlingOptions {
  /** Base of problem type URIs (the API's public URL); default: the request's own origin. */
  problemBase?: string | undefined;
  logger: Logger;
}

export function problemBaseOf(c: Context, configured: string | undefined): string {
  return configured ?? new URL(c.req.url).origin;
}

export function errorHandler({ problemBase, logger }: ErrorHandlingOptions): ErrorHandler {
  return (err, c) => {
    const base = problemBaseOf(c, problemBase);
    if (err instanceof ProblemError) return problemResponse(c, err, base);
    if (err instanceof FilterError) return problemResponse(c, badRequest([{ parameter: '(filter)', pointer: '', message: 'a filter value is not allowed' }]), base);
    if (err instanceof HTTPException && err.status < 500) {
      const status = err.status;
      const type = status === 415 ? 'unsupported-media-type' : status === 413 ? 'payload-too-large' : 'bad-request';
      return problemResponse(c, new ProblemError(status, type, status === 400 ? 'Bad request' : 'Request refused', { detail: err.message || undefined }), base);
    }
    // Only the error's name: a message could quote input.
    logger.error('internal_error', { error: err instanceof Error ? err.name : 'unknown', route: c.req.routePath });
    return problemResponse(c, new ProblemError(500, 'internal-error', 'Internal error', { detail: 'Something went wrong on our side.' }), base);
  };
}

export function notFoundHandler({ problemBase }: Pick<ErrorHandlingOptions, 'problemBase'>): NotFoundHandler {
  return (c) => problemResponse(c, notFound(`No resource at ${new URL(c.req.url).pathname.slice(0, 200)}.`), problemBaseOf(c, problemBase));
}

export function installErrorHandling<E extends Env>(app: Hono<E>, options: ErrorHandlingOptions): void {
  app.onError(errorHandler(options));
  app.notFound(notFoundHandler(options));
}

/**
 * The defaultHook of every OpenAPIHono: a failed zod validation becomes a 400 problem with
 * one entry per bad parameter (query, path) or field (JSON body).
 */
// eslint-style `any`s: the hook is shared by apps with different Env types.
export function validationHook(type = 'invalid-parameters', title = 'Invalid request parameters'): Hook<any, any, any, any> {
  return (result) => {
    if (result.success) return;
    const noun = result.target === 'json' ? 'field' : 'parameter';
    throw badRequest(fieldErrors(result.error as z.ZodError, noun), type, title);
  };
}
