/**
 * Sessions and CSRF for the pages. The session cookie is HttpOnly, SameSite=Lax and Secure
 * unless the portal runs on loopback (a browser drops Secure cookies over plain http).
 * CSRF: a random token in its own HttpOnly cookie that every form repeats in a hidden
 * field (double submit); a POST without the pair is refused.
 * Pruning: expired sessions and spent sign-in links are deleted on every sign-in and hourly.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { Cron } from 'croner';
import { pruneSignIns, randomToken, sessionUser, type Db, type User } from '@sociale-kaart/db';
import { MESSAGES, type Lang, type Messages } from './i18n.js';

export const SESSION_COOKIE = 'sk_session';
export const CSRF_COOKIE = 'sk_csrf';
export const LANG_COOKIE = 'sk_lang';

export type PageEnv = { Variables: { user: User | undefined; csrf: string; lang: Lang; t: Messages; form: Record<string, string | File | Array<string | File>> } };

export function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
  } catch {
    return false;
  }
}

const cookieBase = (secure: boolean) => ({ httpOnly: true, sameSite: 'Lax' as const, secure, path: '/' });

function equal(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export function pageContext(deps: { db: Db; clock: () => Date; publicUrl: () => string }): MiddlewareHandler<PageEnv> {
  return async (c, next) => {
    const secure = !isLoopback(deps.publicUrl());
    const queryLang = c.req.query('lang');
    let lang: Lang = getCookie(c, LANG_COOKIE) === 'en' ? 'en' : 'nl';
    if (queryLang === 'en' || queryLang === 'nl') {
      lang = queryLang;
      setCookie(c, LANG_COOKIE, lang, { ...cookieBase(secure), maxAge: 365 * 86400 });
    }
    let csrf = getCookie(c, CSRF_COOKIE);
    if (!csrf || !/^[A-Za-z0-9_-]{43}$/.test(csrf)) {
      csrf = randomToken();
      setCookie(c, CSRF_COOKIE, csrf, cookieBase(secure));
    }
    const token = getCookie(c, SESSION_COOKIE);
    const user = token ? await sessionUser(deps.db, token, deps.clock()) : undefined;
    c.set('user', user);
    c.set('csrf', csrf);
    c.set('lang', lang);
    c.set('t', MESSAGES[lang]);
    if (c.req.method === 'POST') {
      const form = await c.req.parseBody({ all: true });
      const sent = form._csrf;
      if (typeof sent !== 'string' || !equal(sent, csrf)) return c.text(MESSAGES[lang].errors.csrf, 403);
      c.set('form', form);
    } else {
      c.set('form', {});
    }
    await next();
  };
}

export function startSession(c: Context, token: string, publicUrl: string): void {
  setCookie(c, SESSION_COOKIE, token, { ...cookieBase(!isLoopback(publicUrl)), maxAge: 12 * 3600 });
}

export function endSession(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

export interface PruneDeps {
  db: Db;
  clock: () => Date;
  log: (line: Record<string, unknown>) => void;
}

/** Deletes expired sessions and spent sign-in links; a failure is logged, never thrown (a sign-in does not wait on it to succeed). */
export async function pruneSessions({ db, clock, log }: PruneDeps): Promise<void> {
  try {
    const pruned = await pruneSignIns(db, clock());
    if (pruned.sessions + pruned.signInTokens > 0) log({ level: 'info', msg: 'sessions pruned', ...pruned });
  } catch (err) {
    log({ level: 'error', msg: 'pruning sessions failed', error: err instanceof Error ? err.message : String(err) });
  }
}

/** Prunes at minute 23 of every hour (croner); stop the returned job on close. */
export function schedulePruning(deps: PruneDeps, pattern = '23 * * * *'): Cron {
  return new Cron(pattern, { protect: true }, () => pruneSessions(deps));
}

/** A form field as one trimmed string. */
export function field(form: PageEnv['Variables']['form'], name: string): string {
  const v = form[name];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s.trim() : '';
}

/** A form field as a list (checkbox groups). */
export function fields(form: PageEnv['Variables']['form'], name: string): string[] {
  const v = form[name];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.filter((x): x is string => typeof x === 'string');
}
