/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * What the inbox and key scripts share: the keystore of this organisation, calls to the
 * inbox API with the page's CSRF token, and a person-readable message for any failure.
 */
import { Keystore, SealingError } from '@sociale-kaart/sealing';
import { INBOX_MESSAGES, type InboxLang, type InboxMessages } from '../pages/inbox-i18n.js';

/** One keystore per organisation: a coach working for two sees each inbox's keys apart. */
export const openKeystore = (organisationId: string) => Keystore.open(`sociale-kaart-referral-keys:${organisationId}`);

export function messagesOf(el: HTMLElement): { lang: InboxLang; m: InboxMessages } {
  const lang: InboxLang = el.dataset.lang === 'en' || document.documentElement.lang === 'en' ? 'en' : 'nl';
  return { lang, m: INBOX_MESSAGES[lang] };
}

/** A failure as one sentence for the coach: the sealing library's own message, or the API's problem detail. */
export function explain(err: unknown, lang: InboxLang): string {
  if (err instanceof SealingError) return err.messageIn(lang);
  if (err instanceof Error) return err.message;
  return String(err);
}

/** JSON from the inbox API (the session cookie rides along); a problem+json answer becomes an Error with its detail. */
export async function api<T>(organisationId: string, path: string, init: { method?: string; body?: unknown; csrf?: string } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.csrf) headers['x-csrf-token'] = init.csrf;
  const res = await fetch(`/v1/providers/${encodeURIComponent(organisationId)}${path}`, {
    method: init.method ?? 'GET',
    headers,
    credentials: 'same-origin',
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const body = (await res.json().catch(() => ({}))) as T & { detail?: string; title?: string };
  if (!res.ok) throw new Error(body.detail ?? body.title ?? `HTTP ${res.status}`);
  return body;
}

/** Replaces an element's content with text nodes only: nothing opened is ever parsed as HTML. */
export function say(el: Element, text: string, kind?: 'ok' | 'error'): void {
  el.replaceChildren();
  if (!text) return;
  const p = document.createElement('p');
  if (kind) p.className = `portal-notice portal-notice--${kind}`;
  p.textContent = text;
  el.append(p);
}
