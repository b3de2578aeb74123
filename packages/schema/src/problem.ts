/**
 * RFC 9457 problem details, the one way the search API and the portal's write API answer an
 * error: a handler throws a {@link ProblemError}; each server's error handler renders it
 * with {@link problemBody} as `application/problem+json`. No web framework here (each
 * server adds its own few lines to send it), so this module loads in Node and browser alike.
 * A subpath export, `@sociale-kaart/schema/problem`: the widgets' index does not carry it.
 */

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** A field or parameter a problem is about: at least a JSON Pointer (RFC 6901) and a message. */
export interface ProblemFieldError {
  pointer: string;
  message: string;
}

/** Extra members of a problem (RFC 9457 extensions), e.g. `contact`, `target`, `referralId`. */
export type ProblemMembers = Record<string, unknown>;

export interface ProblemInit<E extends ProblemFieldError = ProblemFieldError> {
  detail?: string | undefined;
  errors?: E[] | undefined;
  headers?: Record<string, string> | undefined;
  members?: ProblemMembers | undefined;
}

/** An error that is answered as it is: status, short type name, title, detail, field errors, members. */
export class ProblemError<E extends ProblemFieldError = ProblemFieldError> extends Error {
  override name = 'ProblemError';
  readonly detail: string | undefined;
  readonly errors: E[] | undefined;
  readonly headers: Record<string, string>;
  readonly members: ProblemMembers;
  constructor(
    readonly status: number,
    /** Short name such as `invalid-parameters`; the URI is built when the answer is rendered. */
    readonly type: string,
    readonly title: string,
    init: ProblemInit<E> = {},
  ) {
    super(init.detail ?? title);
    this.detail = init.detail;
    this.errors = init.errors;
    this.headers = init.headers ?? {};
    this.members = init.members ?? {};
  }
}

/** `{base}/problems/<type>`; a type that already is a URI stays as it is. */
export function problemTypeUri(base: string, type: string): string {
  return type.includes(':') ? type : `${base.replace(/\/+$/, '')}/problems/${type}`;
}

/** The JSON body of a problem; `extra` members (e.g. `instance`) come after `detail`. */
export function problemBody(p: ProblemError, base: string, extra: ProblemMembers = {}): Record<string, unknown> {
  return {
    type: problemTypeUri(base, p.type),
    title: p.title,
    status: p.status,
    ...(p.detail ? { detail: p.detail } : {}),
    ...extra,
    ...(p.errors ? { errors: p.errors } : {}),
    ...p.members,
  };
}
