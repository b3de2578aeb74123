/**
 * How to reach a provider, as one list for the finder (card and detail), the referral
 * dialog's fallback and the printed handout: "Telefoon: 030 123 45 67" with the value as
 * the link, so it reads the same on screen, to a screen reader and on paper. Feed values
 * are untrusted: only safe links become `<a>`, anything else is shown as text.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { mailHref, safeHref, telHref } from './safe-url.js';

export interface ContactDetails {
  phone?: string | null;
  email?: string | null;
  /** Shown only when it differs from `email`. */
  intakeEmail?: string | null;
  website?: string | null;
}

export interface ContactLabels {
  phone: string;
  email: string;
  intakeEmail: string;
  website: string;
}

/** "https://www.example.nl/aanmelden" → "www.example.nl/aanmelden": short enough to type over from paper. */
export function shortUrl(href: string): string {
  try {
    const u = new URL(href);
    return `${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return href;
  }
}

function item(label: string, value: string, href: string | null, external = false, shown = value): TemplateResult {
  const link = href
    ? external
      ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${shown}</a>`
      : html`<a href=${href}>${shown}</a>`
    : html`<span class=${external ? 'unsafe-url' : nothing}>${value}</span>`;
  return html`<li>${label}: ${link}</li>`;
}

/** The contact list, or nothing when there is no way to reach the provider. `label` names the list for screen readers. */
export function contactList(c: ContactDetails, labels: ContactLabels, label?: string): TemplateResult | typeof nothing {
  const items: TemplateResult[] = [];
  if (c.phone) items.push(item(labels.phone, c.phone, telHref(c.phone)));
  if (c.email) items.push(item(labels.email, c.email, mailHref(c.email)));
  if (c.intakeEmail && c.intakeEmail !== c.email) items.push(item(labels.intakeEmail, c.intakeEmail, mailHref(c.intakeEmail)));
  if (c.website) {
    const web = safeHref(c.website);
    items.push(item(labels.website, c.website, web, true, web ? shortUrl(web) : c.website));
  }
  return items.length ? html`<ul class="contact" aria-label=${label ?? nothing}>${items}</ul>` : nothing;
}
