/**
 * The status view of `<sk-referral-status>` once an answer is there: the current status, where
 * the referral went, the time to first contact and the history. Loaded with the first answer
 * (with status-text.ts), so the CDN entry carries only the element's polling.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ReferralStatusView } from '../internal/referral.js';
import type { Translation } from '../translations/translation.js';
import { describeView, type DescribedView } from './status-text.js';

export { activityTitles } from './status-text.js';

export function describe(view: ReferralStatusView, t: Translation, titles: ReadonlyMap<string, string>): DescribedView {
  return describeView(view, t.locale.startsWith('en') ? 'en' : 'nl', t.referralStatus.statuses, titles);
}

function time(iso: string, locale: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(d);
}

export function renderView(v: ReferralStatusView, t: Translation, titles: ReadonlyMap<string, string>): TemplateResult {
  const s = t.referralStatus;
  const d = describe(v, t, titles);
  return html`<p class="current">
      <span class="label">${s.label}:</span>
      <strong class="status" part="status" data-status=${v.status}>${d.current}</strong>
    </p>
    ${v.target.title ? html`<p class="target">${s.to(`${v.target.title}${v.target.organizationName ? ` (${v.target.organizationName})` : ''}`)}</p>` : nothing}
    ${d.firstContact ? html`<p class="first-contact" part="first-contact">${d.firstContact}</p>` : nothing}
    <ol class="history" part="history" aria-label=${s.history}>
      ${v.history.map(
        (h, i) => html`<li data-status=${h.status}>
          <time datetime=${h.at}>${time(h.at, t.locale)}</time> <span>${d.entries[i]}</span>${h.reason ? html`<span class="reason"> — ${h.reason}</span>` : nothing}
        </li>`,
      )}
    </ol>`;
}
