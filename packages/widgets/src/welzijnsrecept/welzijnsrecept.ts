import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { ApiClient, ApiError, type ActivityResponse } from '../internal/api-client.js';
import { formatDate, formatNextSession, scheduleLines } from '../internal/format.js';
import { resolveLang, translationFor, type Lang, type Translation } from '../internal/i18n.js';
import { mountForPrint } from '../internal/print.js';
import { keyListConverter } from '../internal/key-list.js';
import type { HandoutReferral, ReferralReferrer } from '../internal/referral.js';
import { contactList } from '../internal/contact-list.js';
import { needLabel, needLabels } from '../internal/taxonomy.js';
import { baseStyles, buttonStyles, themeTokens } from '../internal/theme.js';
import { welzijnsreceptStyles } from './welzijnsrecept.styles.js';
import { optionalText } from '../internal/converters.js';

let instances = 0;

/**
 * The patient's handout "Uw welzijnsrecept": what, when, where, cost, contact and what
 * happens next, in B1 Dutch, with a print stylesheet that fits one A4.
 *
 * `print()` (and the Printen button) prints only the handout: a copy goes into a container
 * under `<body>` and a page-level print stylesheet hides everything else for that print.
 *
 * @tagname sk-welzijnsrecept
 * @summary The printable patient handout of a Welzijn op Recept referral.
 *
 * @csspart base - The handout.
 * @csspart title - The heading "Uw welzijnsrecept".
 * @csspart section - Each block (what, when, where, cost, contact, next).
 * @csspart print-button - The Printen button (never printed).
 * @csspart state - The loading and error messages.
 *
 * @cssproperty --sk-font-family - Font; falls back to `--utrecht-document-font-family`.
 * @cssproperty --sk-color-text - Text colour; falls back to `--utrecht-document-color`.
 * @cssproperty --sk-color-background - Background; falls back to `--utrecht-document-background-color`.
 * @cssproperty --sk-color-border - Border of the sheet; falls back to `--utrecht-form-control-border-color`.
 * @cssproperty --sk-color-primary - The Printen button and the top rule; falls back to `--utrecht-button-primary-action-background-color`.
 * @cssproperty --sk-color-link - Links; falls back to `--utrecht-link-color`.
 * @cssproperty --sk-border-radius - Corner radius; falls back to `--utrecht-border-radius`.
 */
export class SkWelzijnsrecept extends LitElement {
  static override styles = [themeTokens, baseStyles, buttonStyles, welzijnsreceptStyles];

  /** Base URL of the search API, including /v1: to fetch the activity by `activity-id` and the reason labels. */
  @property({ reflect: true, converter: optionalText }) api = '';

  /** The activity to fetch when `activity` is not set. */
  @property({ reflect: true, attribute: 'activity-id', converter: optionalText }) activityId = '';

  /** The activity as GET /v1/activities/{id} answers it; wins over `activity-id`. */
  @property({ attribute: false }) activity: ActivityResponse | null = null;

  /** Reasons for the referral: need keys (`eenzaamheid,rouw`); labels come from the API's taxonomy. */
  @property({ reflect: true, converter: keyListConverter }) reasons: string[] = [];

  /** The referral, when one was made: its id and date. With it the handout says the provider will get in touch. */
  @property({ attribute: false }) referral: HandoutReferral | null = null;

  /** The GP's name and practice, printed at the bottom. */
  @property({ attribute: false }) referrer: ReferralReferrer | null = null;

  /** Interface language: `nl` (default) or `en`. */
  @property({ reflect: true, converter: optionalText }) override lang = '';

  /** Whether the referral went to a welzijnscoach (changes the intro). Set by `<sk-referral-button target="coach">`. */
  @property({ type: Boolean, reflect: true }) coach = false;

  private readonly _uid = `skwr${++instances}`;

  private readonly _activityTask = new Task(this, {
    args: () => [this.activity, this.api, this.activityId, this._lang] as const,
    task: async ([activity, api, id, lang], { signal }) => {
      if (activity) return activity;
      if (!api || !id) throw new ApiError('config', 0, null, 'no activity');
      return new ApiClient(api).activity(id, lang, signal);
    },
  });

  private readonly _labelsTask = new Task(this, {
    args: () => [this.api, this._lang, this.reasons.join(',')] as const,
    task: async ([api, lang, reasons]) => {
      if (!api || !reasons) return null;
      try {
        return await needLabels(api, lang);
      } catch {
        return null;
      }
    },
  });

  private get _lang(): Lang {
    return resolveLang(this);
  }

  private get _t(): Translation {
    return translationFor(this._lang);
  }

  /** Prints only this handout (a copy of it, alone on the page), then restores the page. */
  async print(): Promise<void> {
    const copy = document.createElement('sk-welzijnsrecept') as SkWelzijnsrecept;
    copy.activity = (this._activityTask.value as ActivityResponse | undefined) ?? this.activity;
    copy.api = this.api;
    copy.activityId = this.activityId;
    copy.reasons = this.reasons;
    copy.referral = this.referral;
    copy.referrer = this.referrer;
    copy.coach = this.coach;
    copy.lang = this._lang;
    const unmount = mountForPrint(copy);
    await copy.updateComplete;
    await copy._activityTask.taskComplete.catch(() => undefined);
    await copy._labelsTask.taskComplete.catch(() => undefined);
    await copy.updateComplete;
    window.addEventListener('afterprint', unmount, { once: true });
    window.print();
  }

  private _reasonLabels(a: ActivityResponse | null): string[] {
    const labels = this._labelsTask.value as Map<string, string> | null | undefined;
    const fromActivity = new Map((a?.needItems ?? []).map((n) => [n.key, n.label]));
    return this.reasons.map((k) => labels?.get(k) ?? fromActivity.get(k) ?? needLabel(null, k));
  }

  protected override render(): TemplateResult {
    const t = this._t;
    return html`<article class="handout" part="base" aria-labelledby="${this._uid}-title">
      <header>
        <p class="brand">Welzijn op Recept</p>
        <h2 id="${this._uid}-title" part="title">${t.handout.title}</h2>
      </header>
      ${this._activityTask.render({
        pending: () => html`<p class="state" part="state">${t.handout.loading}</p>`,
        error: () => html`<p class="state" part="state" role="alert">${t.handout.error}</p>`,
        complete: (a) => this._renderBody(a, t),
      })}
      <button type="button" class="button print" part="print-button" @click=${() => void this.print()}>${t.handout.print}</button>
    </article>`;
  }

  private _renderBody(a: ActivityResponse, t: Translation): TemplateResult {
    const h = t.handout;
    const org = a.organization.name;
    // Printed and read later: a date, never "vandaag" or "morgen".
    const next = formatNextSession(a.nextSession, t, null);
    const loc = a.location;
    const address = loc ? [loc.name, loc.street, [loc.postcode, loc.city].filter(Boolean).join(' ')].filter(Boolean) : [];
    const reasons = this._reasonLabels(a);
    const whatNext = this.referral
      ? [h.nextContacted(org), h.nextNoNews]
      : a.referralRequired || this.coach || a.isWelzijnscoach
        ? [h.nextSignUp(org)]
        : [h.nextWalkIn];
    const referrer = [this.referrer?.name, this.referrer?.practice].filter(Boolean).join(', ');
    const date = formatDate(this.referral?.date?.slice(0, 10), t);
    return html`
      <p class="intro">${h.intro}</p>
      ${reasons.length ? html`<p><strong>${h.reasons}:</strong> ${reasons.join(', ')}</p>` : nothing}
      <section part="section">
        <h3>${h.what}</h3>
        <p class="activity-title">${a.title}</p>
        <p>${org}</p>
        ${a.summary ? html`<p>${a.summary}</p>` : nothing}
      </section>
      <section part="section">
        <h3>${t.when}</h3>
        ${next ? html`<p><strong>${t.nextSession}:</strong> ${next}</p>` : nothing}
        ${a.schedules.length
          ? html`<ul>
              ${scheduleLines(a.schedules, this._lang).map((line) => html`<li>${line}</li>`)}
            </ul>`
          : a.scheduleText
            ? html`<p>${a.scheduleText}</p>`
            : nothing}
      </section>
      <section part="section">
        <h3>${t.where}</h3>
        ${address.length ? html`<p>${address.map((line, i) => html`${i ? html`<br />` : nothing}${line}`)}</p>` : nothing}
        ${a.online ? html`<p>${t.online}</p>` : nothing}
      </section>
      <section part="section">
        <h3>${t.cost}</h3>
        <p>${a.free ? t.free : a.costDescription || t.costUnknown}</p>
      </section>
      <section part="section">
        <h3>${t.contact}</h3>
        ${this._renderContact(a)}
      </section>
      <section part="section" class="next">
        <h3>${h.nextTitle}</h3>
        <ul>
          ${whatNext.map((line) => html`<li>${line}</li>`)}
          <li>${h.bringSheet}</li>
        </ul>
      </section>
      ${referrer || date || this.referral?.referralId
        ? html`<dl class="footer">
            ${referrer ? html`<div><dt>${h.referredBy}:</dt> <dd>${referrer}</dd></div>` : nothing}
            ${date ? html`<div><dt>${h.date}:</dt> <dd>${date}</dd></div>` : nothing}
            ${this.referral?.referralId ? html`<div><dt>${h.referralNumber}:</dt> <dd>${this.referral.referralId}</dd></div>` : nothing}
          </dl>`
        : nothing}
    `;
  }

  private _renderContact(a: ActivityResponse) {
    const t = this._t;
    // Printed on paper: the number, address and URL themselves, not just a link text.
    return contactList({ phone: a.phone, email: a.email, website: a.url }, { phone: t.phone, email: t.email, intakeEmail: t.intakeEmail, website: t.website });
  }
}
