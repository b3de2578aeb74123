/** RFC 9457 problem details for the referral routes. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import type { ReferralProblem } from '@sociale-kaart/schema';

export const PROBLEM_BASE = 'https://sociale-kaart.nl/problems/';

export const NO_STORE = { 'Cache-Control': 'no-store' } as const;

export type ProblemInput = Omit<ReferralProblem, 'type' | 'status'> & { type: string };

export function problemBody(status: number, { type, ...rest }: ProblemInput): ReferralProblem {
  return { type: type.includes(':') ? type : PROBLEM_BASE + type, status, ...rest };
}

export function problem<S extends ContentfulStatusCode>(c: Context, status: S, input: ProblemInput, headers: Record<string, string> = {}) {
  return c.json(problemBody(status, input), status, { 'Content-Type': 'application/problem+json', ...NO_STORE, ...headers });
}

/** One entry per bad field; unknown keys are named one by one. */
export function issuesToErrors(error: ZodError): NonNullable<ReferralProblem['errors']> {
  const out: NonNullable<ReferralProblem['errors']> = [];
  for (const issue of error.issues) {
    const paths =
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((k) => [...issue.path, k])
        : [issue.path];
    for (const path of paths) {
      const parts = path.map(String);
      out.push({
        parameter: parts.join('.') || '(body)',
        pointer: parts.map((p) => `/${p.replaceAll('~', '~0').replaceAll('/', '~1')}`).join(''),
        message: issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message,
      });
    }
  }
  return out;
}
