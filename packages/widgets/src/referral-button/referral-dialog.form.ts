/**
 * The referral form's template: where the referral goes and what is sent (sealed or not),
 * the reasons, the note, the patient and how to reach them, the referrer and the consent.
 * Every field shows its error below it and names it in `aria-describedby`.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { TaskStatus } from '@lit/task';
import { CONTACT_PREFERENCES, normalizePostcode } from '@sociale-kaart/schema';
import { NOTE_MAX, type DraftField } from '../internal/referral-form.js';
import type { ContactPreference } from '../internal/referral.js';
import type { ReferralTranslation } from '../translations/translation.js';
import type { ReferralDialog } from './referral-dialog.js';

type TextField = 'name' | 'phone' | 'email' | 'address' | 'referrerName' | 'referrerPractice';

function fieldError(d: ReferralDialog, field: DraftField): TemplateResult | typeof nothing {
  const code = d.errors[field];
  if (!code) return nothing;
  const message = code in d.t.errors ? d.t.errors[code as keyof ReferralTranslation['errors']] : d.t.serverFieldError;
  return html`<p id="${d.uid}-${field}-error" class="field-error" part="error">${message}</p>`;
}

function describedBy(d: ReferralDialog, field: DraftField, ...ids: string[]): string {
  return [...ids.map((i) => `${d.uid}-${i}`), ...(d.errors[field] ? [`${d.uid}-${field}-error`] : [])].join(' ');
}

function renderTarget(d: ReferralDialog): TemplateResult {
  const t = d.t;
  const status = d.targetTask.status;
  const info = d.target?.info;
  const body =
    status === TaskStatus.ERROR
      ? html`<p class="field-error" role="alert">${t.targetError}</p>
          <button type="button" class="button secondary" @click=${() => d.load()}>${d.host.t.retry}</button>`
      : status !== TaskStatus.COMPLETE
        ? html`<p class="muted">${t.loadingTarget}</p>`
        : d.host.target === 'coach'
          ? html`<p class="target-name">${info?.organizationName ? t.coachOf(info.organizationName) : t.coachOfGemeente}</p>
              ${info?.title ? html`<p class="muted">${info.title}</p>` : nothing}`
          : html`<p class="target-name">${info?.title}</p>
              <p class="muted">${info?.organizationName}</p>`;
  const sealed = Boolean(d.target?.key);
  return html`<section class="info" aria-labelledby="${d.uid}-to">
    <h3 id="${d.uid}-to">${t.to}</h3>
    ${body}
    <h3>${t.whatIsSent}</h3>
    <p class=${sealed ? 'sealed-notice' : nothing} data-sealed=${sealed ? 'true' : 'false'}>${sealed ? t.whatIsSentSealed(d.organisation) : t.whatIsSentBody(d.organisation)}</p>
  </section>`;
}

function textField(d: ReferralDialog, field: TextField, label: string, type: 'text' | 'tel' | 'email' | 'textarea'): TemplateResult {
  const id = `${d.uid}-${field}`;
  const value = d.draft[field];
  const input = (e: Event) => d.set(field, (e.target as HTMLInputElement | HTMLTextAreaElement).value);
  const invalid = d.errors[field] ? 'true' : 'false';
  const described = describedBy(d, field) || nothing;
  return html`<div class="field">
    <label for=${id}>${label}</label>
    ${type === 'textarea'
      ? html`<textarea id=${id} part="field" data-field=${field} rows="3" aria-invalid=${invalid} aria-describedby=${described} .value=${live(value)} @input=${input}></textarea>`
      : html`<input id=${id} part="field" data-field=${field} type=${type} aria-invalid=${invalid} aria-describedby=${described} .value=${live(value)} @input=${input} />`}
    ${fieldError(d, field)}
  </div>`;
}

function postcodeField(d: ReferralDialog): TemplateResult {
  const id = `${d.uid}-postcode`;
  return html`<div class="field">
    <label for=${id}>${d.t.postcodeLabel}</label>
    <input
      id=${id}
      part="field"
      data-field="postcode"
      type="text"
      maxlength="7"
      aria-invalid=${d.errors.postcode ? 'true' : 'false'}
      aria-describedby=${describedBy(d, 'postcode') || nothing}
      .value=${live(d.draft.postcode)}
      @input=${(e: Event) => d.set('postcode', (e.target as HTMLInputElement).value)}
      @change=${() => d.load()}
    />
    ${fieldError(d, 'postcode')}
  </div>`;
}

function reasonsField(d: ReferralDialog): TemplateResult {
  const t = d.t;
  const needKeys = [...new Set([...(d.labels ? [...d.labels.keys()] : []), ...(d.target?.activity?.needs ?? []), ...d.draft.reasons])];
  return html`<fieldset class="reasons" part="field" aria-describedby=${describedBy(d, 'reasons', 'reasons-hint')}>
    <legend>${t.reasonsLegend}</legend>
    <p id="${d.uid}-reasons-hint" class="hint">${t.reasonsHint}</p>
    <div class="checks">
      ${needKeys.map(
        (key, i) => html`<label class="check">
          <input
            type="checkbox"
            name="reason"
            value=${key}
            data-field=${i === 0 ? 'reasons' : nothing}
            aria-invalid=${d.errors.reasons ? 'true' : 'false'}
            .checked=${live(d.draft.reasons.includes(key))}
            @change=${(e: Event) => d.toggleReason(key, (e.target as HTMLInputElement).checked)}
          />
          <span>${d.reasonLabel(key)}</span>
        </label>`,
      )}
    </div>
    ${fieldError(d, 'reasons')}
  </fieldset>`;
}

function noteField(d: ReferralDialog): TemplateResult {
  const t = d.t;
  const id = d.uid;
  const noteLength = d.draft.note.trim().length;
  return html`<div class="field">
    <label for="${id}-note">${t.noteLabel}</label>
    <p id="${id}-note-hint" class="hint">${t.noteHint}</p>
    <textarea
      id="${id}-note"
      part="field"
      data-field="note"
      rows="3"
      aria-invalid=${d.errors.note ? 'true' : 'false'}
      aria-describedby=${describedBy(d, 'note', 'note-hint', 'note-count')}
      .value=${live(d.draft.note)}
      @input=${(e: Event) => d.set('note', (e.target as HTMLTextAreaElement).value)}
    ></textarea>
    <p id="${id}-note-count" class="counter ${noteLength > NOTE_MAX ? 'over' : ''}">${t.noteCount(noteLength, NOTE_MAX)}</p>
    ${fieldError(d, 'note')}
  </div>`;
}

function patientFields(d: ReferralDialog): TemplateResult {
  const t = d.t;
  const pref = d.draft.contactPreference;
  return html`<fieldset class="group">
    <legend>${t.patientLegend}</legend>
    ${textField(d, 'name', t.nameLabel, 'text')}
    <fieldset class="radios" part="field" aria-describedby=${describedBy(d, 'contactPreference') || nothing}>
      <legend>${t.contactLegend}</legend>
      ${CONTACT_PREFERENCES.map(
        (p: ContactPreference, i) => html`<label class="check">
          <input
            type="radio"
            name="${d.uid}-contact"
            value=${p}
            data-field=${i === 0 ? 'contactPreference' : nothing}
            .checked=${live(pref === p)}
            @change=${() => d.set('contactPreference', p)}
          />
          <span>${t.contactOptions[p]}</span>
        </label>`,
      )}
      ${fieldError(d, 'contactPreference')}
    </fieldset>
    ${pref === 'phone' ? textField(d, 'phone', t.phoneLabel, 'tel') : nothing}
    ${pref === 'email' ? textField(d, 'email', t.emailLabel, 'email') : nothing}
    ${pref === 'letter' ? textField(d, 'address', t.addressLabel, 'textarea') : nothing}
  </fieldset>`;
}

export function renderForm(d: ReferralDialog): TemplateResult {
  const t = d.t;
  const id = d.uid;
  const sending = d.phase === 'sending';
  const errorCount = Object.keys(d.errors).length;
  const askPostcode = d.host.target === 'coach' && !normalizePostcode(d.host.postcode);
  return html`<form class="form" part="form" novalidate autocomplete="off" aria-busy=${sending ? 'true' : 'false'} @submit=${(e: Event) => void d.submit(e)}>
    ${errorCount ? html`<p class="error-summary" role="alert">${t.errorSummary(errorCount)}</p>` : nothing}
    ${d.formError ? html`<p id="${id}-form-error" class="error-summary" role="alert" tabindex="-1">${d.formError}</p>` : nothing}
    ${renderTarget(d)} ${askPostcode ? postcodeField(d) : nothing} ${reasonsField(d)} ${noteField(d)} ${patientFields(d)}
    <fieldset class="group">
      <legend>${t.referrerLegend}</legend>
      ${textField(d, 'referrerName', t.referrerName, 'text')} ${textField(d, 'referrerPractice', t.referrerPractice, 'text')}
    </fieldset>
    <div class="consent">
      <label class="check">
        <input
          id="${id}-consent"
          type="checkbox"
          part="field"
          data-field="consent"
          required
          aria-invalid=${d.errors.consent ? 'true' : 'false'}
          aria-describedby=${describedBy(d, 'consent') || nothing}
          .checked=${live(d.draft.consent)}
          @change=${(e: Event) => d.set('consent', (e.target as HTMLInputElement).checked)}
        />
        <span>${t.consent(d.organisation)}</span>
      </label>
      ${fieldError(d, 'consent')}
    </div>
    ${sending ? html`<p class="sending" role="status">${t.sending}</p>` : nothing}
    <div class="actions">
      <button type="submit" class="button" part="submit" ?disabled=${sending || d.targetTask.status !== TaskStatus.COMPLETE}>${t.submit}</button>
      <button type="button" class="button secondary" ?disabled=${sending} @click=${() => d.close()}>${t.cancel}</button>
    </div>
  </form>`;
}
