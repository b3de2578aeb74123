/**
 * What the dialog shows after a referral: sent (and whether sealed), handled by the host, or
 * the fallback with the provider's contact details; then the status, the journal line to
 * copy and the printable handout.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { contactList } from '../internal/contact-list.js';
import type { HandoutReferral, ReferralContact } from '../internal/referral.js';
import type { ReferralDialog } from './referral-dialog.js';

function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function renderContact(d: ReferralDialog, c: ReferralContact | null): TemplateResult | typeof nothing {
  const list = c ? contactList(c, d.t) : nothing;
  if (list === nothing) return nothing;
  return html`<section class="info fallback" part="fallback" aria-labelledby="${d.uid}-contact">
    <h3 id="${d.uid}-contact">${d.t.contactProvider}: ${d.organisation}</h3>
    ${list}
  </section>`;
}

export function renderResult(d: ReferralDialog): TemplateResult {
  const { host, t, uid } = d;
  const o = d.outcome!;
  const org = o.kind === 'sent' ? (o.created.target.organizationName ?? d.organisation) : d.organisation;
  const [title, body] =
    o.kind === 'sent' ? [t.sentTitle, t.sentBody(org)] : o.kind === 'handled' ? [t.handledTitle, t.handledBody] : [t.fallbackTitle, o.message];
  const referral: HandoutReferral | null = o.kind === 'sent' ? { referralId: o.created.referralId, date: today() } : o.kind === 'handled' ? { date: today() } : null;
  const activity = d.target?.activity ?? null;
  const handoutActivityId = o.kind === 'sent' ? o.created.target.activityId : (activity?.id ?? '');
  return html`<div class="result" part="result">
    <div class="outcome outcome-${o.kind}" id="${uid}-result" tabindex="-1" role=${o.kind === 'fallback' ? 'alert' : 'status'}>
      <h3>${title}</h3>
      <p>${body}</p>
      ${o.kind === 'sent' && o.sealed ? html`<p class="sealed-notice" data-sealed="true">${t.sentSealed}</p>` : nothing}
    </div>
    ${o.kind === 'fallback' ? renderContact(d, o.contact) : nothing}
    ${o.kind === 'sent'
      ? html`<sk-referral-status api=${host.api} referral-id=${o.created.referralId} token=${o.created.token} lang=${host.resolvedLang}></sk-referral-status>`
      : nothing}
    <div class="field">
      <label for="${uid}-summary">${t.summaryLabel}</label>
      <div class="copy-row">
        <textarea id="${uid}-summary" part="summary" rows="2" readonly .value=${d.summary}></textarea>
        <button type="button" class="button secondary copy" @click=${() => void d.copy()}>${t.copy}</button>
      </div>
      <p class="hint" role="status">${d.copyMessage}</p>
    </div>
    <section class="handout-section" aria-labelledby="${uid}-handout">
      <h3 id="${uid}-handout">${t.handoutHeading}</h3>
      <sk-welzijnsrecept
        part="handout"
        api=${host.api}
        activity-id=${handoutActivityId}
        lang=${host.resolvedLang}
        ?coach=${host.target === 'coach'}
        .activity=${handoutActivityId && activity?.id === handoutActivityId ? activity : null}
        .reasons=${d.draft.reasons}
        .referral=${referral}
        .referrer=${d.draft.referrerName || d.draft.referrerPractice ? { name: d.draft.referrerName.trim(), practice: d.draft.referrerPractice.trim() } : null}
      ></sk-welzijnsrecept>
    </section>
    <div class="actions">
      <button type="button" class="button secondary" @click=${() => d.newReferral()}>${t.newReferral}</button>
      <button type="button" class="button" @click=${() => d.close()}>${t.close}</button>
    </div>
  </div>`;
}
