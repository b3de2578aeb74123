/**
 * The finder's detail view of one activity: what, when, where, for whom, accessibility,
 * contact and (for professionals) how to sign up. The activity title sits at the finder's
 * heading level, its sections one below. Schedules read as on the cards and the handout.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Task } from '@lit/task';
import type { ActivityResponse } from '../internal/api-client.js';
import { contactList } from '../internal/contact-list.js';
import { formatDate, formatNextSession, scheduleLines } from '../internal/format.js';
import { heading } from '../internal/heading.js';
import type { Lang } from '../internal/i18n.js';
import { mailHref, safeHref } from '../internal/safe-url.js';
import { contactLabels, renderBadges, type FinderView } from './result-card.js';

function section(view: FinderView, title: string, body: unknown): TemplateResult {
  return html`<section>${heading(view.headingLevel + 1, title, { class: 'section-title' })} ${body}</section>`;
}

export function renderActivity(a: ActivityResponse, view: FinderView, lang: Lang, titleId: string): TemplateResult {
  const { t } = view;
  const next = formatNextSession(a.nextSession, t);
  const loc = a.location;
  const address = loc ? [loc.name, loc.street, [loc.postcode, loc.city].filter(Boolean).join(' ')].filter(Boolean) : [];
  const checked = formatDate(a.assuredDate, t);
  const intakeUrl = safeHref(a.intake?.url);
  const intakeMail = mailHref(a.intake?.email);
  const schedules = scheduleLines(a.schedules, lang);
  return html`
    ${heading(view.headingLevel, a.title, { class: 'detail-title', id: titleId })}
    <p class="org">${a.organization.name}</p>
    ${renderBadges(a, view)}
    ${section(view, t.about, html`<p class="description">${a.description || a.summary}</p>`)}
    ${section(
      view,
      t.when,
      html`${next ? html`<p><strong>${t.nextSession}:</strong> ${next}</p>` : nothing}
      ${schedules.length
        ? html`<ul class="schedules">
            ${schedules.map((line) => html`<li>${line}</li>`)}
          </ul>`
        : a.scheduleText
          ? html`<p>${a.scheduleText}</p>`
          : nothing}`,
    )}
    ${section(
      view,
      t.where,
      html`${address.length ? html`<p>${address.map((line, i) => html`${i ? html`<br />` : nothing}${line}`)}</p>` : nothing}
      ${a.online ? html`<p>${t.online}</p>` : nothing}
      ${a._geo ? html`<div class="detail-map" part="detail-map" data-id=${a.id}></div>` : nothing}`,
    )}
    ${a.audience.length ? section(view, t.forWhom, html`<p>${a.audience.map((k) => view.label('audience', k)).join(', ')}</p>`) : nothing}
    ${a.wheelchairAccessible || a.accessibilityNotes
      ? section(
          view,
          t.accessibility,
          html`${a.wheelchairAccessible ? html`<p>${t.wheelchair}</p>` : nothing} ${a.accessibilityNotes ? html`<p>${a.accessibilityNotes}</p>` : nothing}`,
        )
      : nothing}
    ${section(view, t.contact, contactList({ phone: a.phone, email: a.email, website: a.url }, contactLabels(t), t.contact))}
    ${view.mode === 'professional' && (intakeUrl || intakeMail || a.referralRequired)
      ? section(
          view,
          t.intake,
          html`${a.referralRequired ? html`<p>${t.referralRequired}</p>` : nothing}
            <ul class="contact">
              ${intakeUrl ? html`<li><a href=${intakeUrl} target="_blank" rel="noopener noreferrer">${t.intakeForm}</a></li>` : nothing}
              ${intakeMail ? html`<li><a href=${intakeMail}>${t.intakeEmail}</a></li>` : nothing}
            </ul>`,
        )
      : nothing}
    ${checked ? html`<p class="hint">${t.lastChecked}: ${checked}</p>` : nothing}
  `;
}

export interface DetailOptions {
  titleId: string;
  lang: Lang;
  back(): void;
  /** The fallback content of the `referral` slot. */
  referral: TemplateResult | typeof nothing;
}

/** The detail view: a back button, the activity as its task loads it (or why not), the referral slot. */
export function renderDetail(view: FinderView, detail: Task<readonly unknown[], ActivityResponse | null>, o: DetailOptions): TemplateResult {
  const { t } = view;
  return html`
    <article class="detail" part="detail" aria-labelledby=${o.titleId}>
      <button type="button" class="button secondary back" part="button back-button" @click=${o.back}>← ${t.back}</button>
      ${detail.render({
        pending: () => html`<p class="state" part="state" id=${o.titleId}>${t.detailLoading}</p>`,
        error: () =>
          html`<div class="state error" part="state" role="alert">
            ${heading(view.headingLevel, t.detailError, { class: 'detail-title', id: o.titleId })}
            <button type="button" class="button retry" part="button" @click=${() => void detail.run()}>${t.retry}</button>
          </div>`,
        complete: (a) => (a ? renderActivity(a, view, o.lang, o.titleId) : nothing),
      })}
      <div class="referral" part="referral"><slot name="referral">${o.referral}</slot></div>
    </article>
  `;
}
