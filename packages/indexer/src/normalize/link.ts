/**
 * Links from feeds: only http(s), mailto and tel survive ingest. Everything else
 * (javascript:, data:, file:, relative paths) is dropped and reported as a warning.
 */
import { emailSchema } from '@sociale-kaart/schema';

export type LinkResult = { ok: true; value: string } | { ok: false; reason: 'empty' | 'unsafe' | 'invalid'; scheme?: string };

const DOMAIN_LIKE = /^(www\.)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}(:\d+)?([/?#]\S*)?$/i;

/** The scheme of a link, lower case ("javascript"), or null when it has none. */
function schemeOf(s: string): string | null {
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
  const compact = s.replace(/[\u0000-\u0020]/g, '');
  const m = /^([a-z][a-z0-9+.-]*):/i.exec(compact);
  return m ? m[1]!.toLowerCase() : null;
}

/**
 * An http(s) URL. A bare domain as people type it in a spreadsheet ("www.buurthuis.nl")
 * gets "https://" in front.
 */
export function httpUrl(input: string | null | undefined): LinkResult {
  const s = input == null ? '' : String(input).trim();
  if (s === '') return { ok: false, reason: 'empty' };
  const scheme = schemeOf(s);
  if (scheme === null) {
    if (DOMAIN_LIKE.test(s)) return httpUrl(`https://${s}`);
    return { ok: false, reason: 'invalid' };
  }
  if (scheme !== 'http' && scheme !== 'https') return { ok: false, reason: 'unsafe', scheme };
  if (/\s/.test(s) || s.length > 2000) return { ok: false, reason: 'invalid' };
  try {
    const url = new URL(s);
    if (!url.hostname) return { ok: false, reason: 'invalid' };
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  return { ok: true, value: s };
}

/** An e-mail address, without a "mailto:" in front. */
export function emailAddress(input: string | null | undefined): LinkResult {
  const s = input == null ? '' : String(input).trim().replace(/^mailto:/i, '');
  if (s === '') return { ok: false, reason: 'empty' };
  return emailSchema.safeParse(s).success ? { ok: true, value: s } : { ok: false, reason: 'invalid' };
}

/** A link for people to follow: http(s), mailto: or tel:. */
export function safeLink(input: string | null | undefined): LinkResult {
  const s = input == null ? '' : String(input).trim();
  if (s === '') return { ok: false, reason: 'empty' };
  const scheme = schemeOf(s);
  if (scheme === 'mailto') {
    const e = emailAddress(s);
    return e.ok ? { ok: true, value: `mailto:${e.value}` } : e;
  }
  if (scheme === 'tel') {
    return /^tel:[+0-9][0-9 ()-]*$/i.test(s) ? { ok: true, value: s } : { ok: false, reason: 'invalid' };
  }
  return httpUrl(s);
}
