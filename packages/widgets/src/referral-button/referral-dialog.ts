/**
 * The referral dialog of `<sk-referral-button>`: its state, template and submit logic as a
 * reactive controller on the button. Loaded on first use (a separate chunk in the CDN build),
 * so neither the finder nor a page with many buttons pays for it up front.
 */
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { ApiClient, ApiError, isAbort, type ActivityResponse } from '../internal/api-client.js';
import { emit, type SkReferralDetail, type SkReferralFailedDetail, type SkReferralSentDetail } from '../internal/events.js';
import { normalizePostcode } from '@sociale-kaart/schema';
import {
  FIELD_ORDER,
  NOTE_MAX,
  buildReferral,
  fieldForPointer,
  validateDraft,
  type DraftField,
  type ReferralDraft,
  type ValidationErrors,
} from '../internal/referral-form.js';
import { CONTACT_PREFERENCES } from '@sociale-kaart/schema';
import {
  type ContactPreference,
  type HandoutReferral,
  type ReferralContact,
  type ReferralCreated,
  type ReferralProblem,
  type ReferralRequest,
  type ReferralTargetInfo,
} from '../internal/referral.js';
import { contactList } from '../internal/contact-list.js';
import { referrerTokenOf } from '../internal/referrer-token.js';
import { needLabel, needLabels } from '../internal/taxonomy.js';
import { referralEn } from '../translations/referral-en.js';
import { referralNl } from '../translations/referral-nl.js';
import type { ReferralTranslation } from '../translations/translation.js';
import type { SkReferralButton } from './referral-button.js';
import '../welzijnsrecept/define.js';
import '../referral-status/define.js';

export { referralDialogStyles } from './referral-dialog.styles.js';

/** Radius (km) the coach lookup searches around the postcode; the relay itself allows 25 km. */
const COACH_RADIUS_KM = 25;

type Phase = 'form' | 'sending' | 'done';
type Outcome =
  | { kind: 'sent'; created: ReferralCreated }
  | { kind: 'handled' }
  | { kind: 'fallback'; problem: ReferralProblem; contact: ReferralContact | null };

interface Target {
  info: ReferralTargetInfo;
  activity: ActivityResponse | null;
}

let instances = 0;

function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** Nothing was sent: the host gave no referrer token (the `sk-referral-failed` problem says so). */
function noReferrerToken(): ApiError {
  const problem: ReferralProblem = { type: 'no-referrer-token', title: 'No referrer token', status: 401, detail: 'The host set neither referrer-token nor getReferrerToken.' };
  return new ApiError('http', 401, problem, problem.title);
}

function contactOf(a: ActivityResponse | null): ReferralContact | null {
  if (!a) return null;
  return { phone: a.phone ?? null, email: a.email ?? null, intakeEmail: a.intake?.email ?? null, website: a.url ?? a.organization.website ?? null };
}

export class ReferralDialog implements ReactiveController {
  private readonly host: SkReferralButton;
  private readonly uid = `skrd${++instances}`;

  private phase: Phase = 'form';
  private outcome: Outcome | null = null;
  private draft: ReferralDraft;
  private errors: ValidationErrors = {};
  private formError: string | null = null;
  private summary = '';
  private copyMessage = '';

  private target: Target | null = null;
  private targetKey = '';
  private targetState: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  private labels: Map<string, string> | null = null;
  private labelsKey = '';
  private loadAbort: AbortController | null = null;

  constructor(host: SkReferralButton) {
    this.host = host;
    this.draft = this.freshDraft();
    host.addController(this);
  }

  hostDisconnected(): void {
    this.loadAbort?.abort();
    this.close();
  }

  private get t(): ReferralTranslation {
    return this.host.resolvedLang === 'en' ? referralEn : referralNl;
  }

  private get dialog(): HTMLDialogElement | null {
    return this.host.renderRoot.querySelector<HTMLDialogElement>(`#${this.uid}`);
  }

  get isOpen(): boolean {
    return this.dialog?.open ?? false;
  }

  private update(): void {
    this.host.requestUpdate();
  }

  private freshDraft(): ReferralDraft {
    const p = this.host.patient ?? {};
    const r = this.host.referrer ?? {};
    const pref = p.contactPreference && (CONTACT_PREFERENCES as readonly string[]).includes(p.contactPreference) ? p.contactPreference : 'phone';
    return {
      reasons: this.host.initialReasons,
      note: '',
      name: p.name ?? '',
      contactPreference: pref,
      phone: p.phone ?? '',
      email: p.email ?? '',
      address: p.address ?? '',
      referrerName: r.name ?? '',
      referrerPractice: r.practice ?? '',
      postcode: this.host.postcode,
      consent: false,
    };
  }

  private get postcode(): string {
    return normalizePostcode(this.host.postcode) ?? normalizePostcode(this.draft.postcode) ?? '';
  }

  /** Opens the dialog (modal: the page behind it is inert) and moves focus into it. */
  async show(): Promise<void> {
    // The host pointed the button elsewhere since the last referral: start afresh.
    if (this.phase === 'done' && this.targetKey && this.targetKey !== this.keyOf()) this.reset();
    if (this.phase === 'form' && !this.formTouched) this.draft = this.freshDraft();
    void this.load();
    this.update();
    await this.host.updateComplete;
    const dialog = this.dialog;
    if (!dialog || dialog.open) return;
    dialog.showModal();
    this.focusStart();
  }

  close(): void {
    const dialog = this.dialog;
    if (dialog?.open) dialog.close();
  }

  private formTouched = false;

  private focusStart(): void {
    const el = this.phase === 'done' ? this.host.renderRoot.querySelector<HTMLElement>(`#${this.uid}-result`) : this.host.renderRoot.querySelector<HTMLElement>(`#${this.uid}-title`);
    el?.focus();
  }

  // ---------- loading: where the referral goes, and the reason labels ----------

  /** What the target depends on: when it changes, the target is looked up again. */
  private keyOf(): string {
    const host = this.host;
    return `${host.api}|${host.resolvedLang}|${host.target}|${host.target === 'coach' ? this.postcode : host.activityId}`;
  }

  private async load(): Promise<void> {
    const host = this.host;
    const lang = host.resolvedLang;
    const labelsKey = `${host.api}|${lang}`;
    if (host.api && this.labelsKey !== labelsKey) {
      this.labelsKey = labelsKey;
      needLabels(host.api, lang).then(
        (labels) => {
          if (this.labelsKey === labelsKey) {
            this.labels = labels;
            this.update();
          }
        },
        () => {
          if (this.labelsKey === labelsKey) this.labelsKey = '';
        },
      );
    }
    const key = this.keyOf();
    if (key === this.targetKey && this.targetState !== 'error') return;
    this.targetKey = key;
    this.loadAbort?.abort();
    const abort = new AbortController();
    this.loadAbort = abort;
    this.targetState = 'loading';
    this.update();
    try {
      const target = await this.resolveTarget(abort.signal);
      if (abort.signal.aborted) return;
      this.target = target;
      this.targetState = 'ready';
    } catch (e) {
      if (isAbort(e) || abort.signal.aborted) return;
      this.target = null;
      this.targetState = 'error';
    }
    this.update();
  }

  private async resolveTarget(signal: AbortSignal): Promise<Target> {
    const host = this.host;
    const client = new ApiClient(host.api);
    const lang = host.resolvedLang;
    if (host.target !== 'coach') {
      const a = await client.activity(host.activityId, lang, signal);
      return { info: { activityId: a.id, title: a.title, organizationName: a.organization.name }, activity: a };
    }
    const unknown: Target = { info: { activityId: null, title: null, organizationName: null }, activity: null };
    if (!this.postcode) return unknown;
    // The relay picks the coach itself; this shows the GP which one that will most likely be.
    const params = new URLSearchParams({ postcode: this.postcode, radius: String(COACH_RADIUS_KM), sort: 'distance', per_page: '50', lang });
    const res = await client.search(params, signal);
    const hit = res.hits.find((h) => h.isWelzijnscoach && h.acceptsWelzijnOpRecept);
    if (!hit) return unknown;
    const a = await client.activity(hit.id, lang, signal);
    return { info: { activityId: a.id, title: a.title, organizationName: a.organization.name }, activity: a };
  }

  /** The receiving organisation as the GP and the consent text name it. */
  private get organisation(): string {
    const info = this.target?.info;
    if (info?.organizationName) return info.organizationName;
    return this.host.target === 'coach' ? this.t.coachOfGemeente : this.t.theProvider;
  }

  private reasonLabel(key: string): string {
    return this.labels?.get(key) ?? this.target?.activity?.needItems.find((n) => n.key === key)?.label ?? needLabel(null, key);
  }

  // ---------- editing ----------

  private set<K extends keyof ReferralDraft>(field: K, value: ReferralDraft[K]): void {
    this.draft = { ...this.draft, [field]: value };
    this.formTouched = true;
    // Once shown, an error follows the field as it is corrected.
    if (Object.keys(this.errors).length) {
      const next = validateDraft(this.draft, this.host.target);
      const kept: ValidationErrors = {};
      for (const f of Object.keys(this.errors) as DraftField[]) if (next[f]) kept[f] = next[f];
      if (field === 'contactPreference') for (const f of ['phone', 'email', 'address'] as const) if (next[f] && this.errors[f]) kept[f] = next[f];
      this.errors = kept;
    }
    this.update();
  }

  private toggleReason(key: string, on: boolean): void {
    const reasons = on ? [...new Set([...this.draft.reasons, key])] : this.draft.reasons.filter((k) => k !== key);
    this.set('reasons', reasons);
  }

  private async focusFirstError(): Promise<void> {
    await this.host.updateComplete;
    const first = FIELD_ORDER.find((f) => this.errors[f]);
    if (!first) return;
    this.host.renderRoot.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
  }

  // ---------- submit ----------

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    if (this.phase !== 'form') return;
    const host = this.host;
    this.formError = null;
    this.errors = validateDraft(this.draft, host.target);
    if (Object.keys(this.errors).length) {
      this.update();
      await this.focusFirstError();
      return;
    }
    const referral = buildReferral(this.draft, host.target === 'coach' ? { target: 'coach', postcode: this.postcode } : { target: 'activity', activityId: host.activityId });
    const info = this.target?.info ?? { activityId: host.target === 'coach' ? null : host.activityId, title: null, organizationName: null };
    const title = info.title ?? (host.target === 'coach' ? this.t.coachOfGemeente : host.activityId);
    this.summary = this.t.summary(title, info.organizationName, referral.reasons.map((k) => this.reasonLabel(k)));
    const detail: SkReferralDetail = { referral, target: info, summary: this.summary };
    if (!emit<SkReferralDetail>(host, 'sk-referral', detail, { cancelable: true })) {
      // The host delivers it through its own channel: nothing leaves the browser here.
      await this.finish({ kind: 'handled' });
      return;
    }
    this.phase = 'sending';
    this.update();
    try {
      const created = await this.send(referral);
      const target: ReferralTargetInfo = { activityId: created.target.activityId, title: created.target.title, organizationName: created.target.organizationName };
      emit<SkReferralSentDetail>(host, 'sk-referral-sent', { referralId: created.referralId, statusUrl: created.statusUrl, token: created.token, target, summary: this.summary });
      await this.finish({ kind: 'sent', created });
    } catch (err) {
      await this.failed(err);
    }
  }

  /**
   * POSTs with the host's referrer token. After a 401 a host with `getReferrerToken` is asked
   * once for a fresh token (the old one may have expired during the consult) and the referral
   * is sent again; a second 401, or no token at all, ends in the "not signed" message.
   */
  private async send(referral: ReferralRequest): Promise<ReferralCreated> {
    const host = this.host;
    const client = new ApiClient(host.api);
    const token = await referrerTokenOf(host);
    if (!token) throw noReferrerToken();
    try {
      return await client.createReferral(referral, token);
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 401 && host.getReferrerToken)) throw err;
    }
    const fresh = await referrerTokenOf(host);
    if (!fresh) throw noReferrerToken();
    return client.createReferral(referral, fresh);
  }

  private async failed(err: unknown): Promise<void> {
    const problem: ReferralProblem =
      err instanceof ApiError && err.problem
        ? (err.problem as ReferralProblem)
        : err instanceof ApiError && err.kind === 'http'
          ? { type: 'about:blank', title: err.message, status: err.status }
          : { type: 'network-error', title: 'Network error', status: 0, detail: err instanceof Error ? err.message : String(err) };
    emit<SkReferralFailedDetail>(this.host, 'sk-referral-failed', { problem });
    const status = problem.status;
    if (status === 422 || status === 502 || status === 0) {
      await this.finish({ kind: 'fallback', problem, contact: problem.contact ?? contactOf(this.target?.activity ?? null) });
      return;
    }
    this.phase = 'form';
    if (status === 400 && problem.errors?.length) {
      const errors: ValidationErrors = {};
      for (const e of problem.errors) {
        const field = e.pointer ? fieldForPointer(e.pointer) : null;
        if (field) errors[field] ??= validateDraft(this.draft, this.host.target)[field] ?? 'server';
      }
      this.errors = errors;
      if (Object.keys(errors).length) {
        this.update();
        await this.focusFirstError();
        return;
      }
    }
    this.formError = status === 401 ? this.t.notSigned : status === 404 ? this.t.notFound : status === 429 ? this.t.rateLimited : this.t.otherError(status);
    this.update();
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>(`#${this.uid}-form-error`)?.focus();
  }

  private async finish(outcome: Outcome): Promise<void> {
    this.outcome = outcome;
    this.phase = 'done';
    this.copyMessage = '';
    this.update();
    await this.host.updateComplete;
    if (this.isOpen) this.focusStart();
  }

  private newReferral(): void {
    this.reset();
    void this.host.updateComplete.then(() => this.focusStart());
  }

  private reset(): void {
    this.phase = 'form';
    this.outcome = null;
    this.errors = {};
    this.formError = null;
    this.formTouched = false;
    const referrer = { referrerName: this.draft.referrerName, referrerPractice: this.draft.referrerPractice };
    this.draft = { ...this.freshDraft(), ...referrer };
    this.update();
  }

  private async copy(): Promise<void> {
    const field = this.host.renderRoot.querySelector<HTMLTextAreaElement>(`#${this.uid}-summary`);
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(this.summary);
      this.copyMessage = this.t.copied;
    } catch {
      // No clipboard access (permissions, an old HIS browser): select the text for Ctrl+C.
      field?.focus();
      field?.select();
      this.copyMessage = this.t.copyFailed;
    }
    this.update();
  }

  // ---------- dialog behaviour ----------

  private onCancel = (e: Event): void => {
    // Escape while sending would hide the answer; the request cannot be taken back anyway.
    if (this.phase === 'sending') e.preventDefault();
  };

  private onClose = (): void => {
    this.host.focusTrigger();
  };

  /** Tab and Shift+Tab wrap around inside the dialog instead of leaving for the browser's toolbar. */
  private onKeydown = (e: KeyboardEvent): void => {
    if (e.key !== 'Tab') return;
    const dialog = this.dialog;
    if (!dialog) return;
    const items = tabbables(dialog);
    if (!items.length) return;
    const active = this.host.renderRoot instanceof ShadowRoot ? this.host.renderRoot.activeElement : document.activeElement;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (!e.shiftKey && active === last) {
      e.preventDefault();
      first.focus();
    } else if (e.shiftKey && (active === first || active === dialog || active?.id === `${this.uid}-title`)) {
      e.preventDefault();
      last.focus();
    }
  };

  // ---------- render ----------

  render(): TemplateResult {
    const t = this.t;
    return html`<dialog
      id=${this.uid}
      class="dialog"
      part="dialog"
      aria-labelledby="${this.uid}-title"
      @cancel=${this.onCancel}
      @close=${this.onClose}
      @keydown=${this.onKeydown}
    >
      <h2 id="${this.uid}-title" class="dialog-title" tabindex="-1">${t.dialogTitle}</h2>
      ${this.phase === 'done' ? this.renderDone(t) : this.renderForm(t)}
    </dialog>`;
  }

  private fieldError(field: DraftField): TemplateResult | typeof nothing {
    const code = this.errors[field];
    if (!code) return nothing;
    const message = code in this.t.errors ? this.t.errors[code as keyof ReferralTranslation['errors']] : this.t.serverFieldError;
    return html`<p id="${this.uid}-${field}-error" class="field-error" part="error">${message}</p>`;
  }

  private describedBy(field: DraftField, ...ids: string[]): string {
    return [...ids.map((i) => `${this.uid}-${i}`), ...(this.errors[field] ? [`${this.uid}-${field}-error`] : [])].join(' ') || '';
  }

  private renderTarget(t: ReferralTranslation): TemplateResult {
    const host = this.host;
    let body: TemplateResult;
    if (this.targetState === 'loading' || this.targetState === 'idle') body = html`<p class="muted">${t.loadingTarget}</p>`;
    else if (this.targetState === 'error')
      body = html`<p class="field-error" role="alert">${t.targetError}</p>
        <button type="button" class="button secondary" @click=${() => void this.load()}>${this.host.t.retry}</button>`;
    else {
      const info = this.target?.info;
      body =
        host.target === 'coach'
          ? html`<p class="target-name">${info?.organizationName ? t.coachOf(info.organizationName) : t.coachOfGemeente}</p>
              ${info?.title ? html`<p class="muted">${info.title}</p>` : nothing}`
          : html`<p class="target-name">${info?.title}</p>
              <p class="muted">${info?.organizationName}</p>`;
    }
    return html`<section class="info" aria-labelledby="${this.uid}-to">
      <h3 id="${this.uid}-to">${t.to}</h3>
      ${body}
      <h3>${t.whatIsSent}</h3>
      <p>${t.whatIsSentBody(this.organisation)}</p>
    </section>`;
  }

  private renderForm(t: ReferralTranslation): TemplateResult {
    const host = this.host;
    const d = this.draft;
    const id = this.uid;
    const sending = this.phase === 'sending';
    const errorCount = Object.keys(this.errors).length;
    const needKeys = [...new Set([...(this.labels ? [...this.labels.keys()] : []), ...(this.target?.activity?.needs ?? []), ...d.reasons])];
    const askPostcode = host.target === 'coach' && !normalizePostcode(host.postcode);
    const noteLength = d.note.trim().length;
    const pref = d.contactPreference;
    return html`<form class="form" part="form" novalidate autocomplete="off" aria-busy=${sending ? 'true' : 'false'} @submit=${(e: Event) => void this.submit(e)}>
      ${errorCount ? html`<p class="error-summary" role="alert">${t.errorSummary(errorCount)}</p>` : nothing}
      ${this.formError ? html`<p id="${id}-form-error" class="error-summary" role="alert" tabindex="-1">${this.formError}</p>` : nothing}
      ${this.renderTarget(t)}
      ${askPostcode
        ? html`<div class="field">
            <label for="${id}-postcode">${t.postcodeLabel}</label>
            <input
              id="${id}-postcode"
              part="field"
              data-field="postcode"
              type="text"
              maxlength="7"
              aria-invalid=${this.errors.postcode ? 'true' : 'false'}
              aria-describedby=${this.describedBy('postcode') || nothing}
              .value=${live(d.postcode)}
              @input=${(e: Event) => this.set('postcode', (e.target as HTMLInputElement).value)}
              @change=${() => void this.load()}
            />
            ${this.fieldError('postcode')}
          </div>`
        : nothing}
      <fieldset class="reasons" part="field" aria-describedby=${this.describedBy('reasons', 'reasons-hint')}>
        <legend>${t.reasonsLegend}</legend>
        <p id="${id}-reasons-hint" class="hint">${t.reasonsHint}</p>
        <div class="checks">
          ${needKeys.map(
            (key, i) => html`<label class="check">
              <input
                type="checkbox"
                name="reason"
                value=${key}
                data-field=${i === 0 ? 'reasons' : nothing}
                aria-invalid=${this.errors.reasons ? 'true' : 'false'}
                .checked=${live(d.reasons.includes(key))}
                @change=${(e: Event) => this.toggleReason(key, (e.target as HTMLInputElement).checked)}
              />
              <span>${this.reasonLabel(key)}</span>
            </label>`,
          )}
        </div>
        ${this.fieldError('reasons')}
      </fieldset>
      <div class="field">
        <label for="${id}-note">${t.noteLabel}</label>
        <p id="${id}-note-hint" class="hint">${t.noteHint}</p>
        <textarea
          id="${id}-note"
          part="field"
          data-field="note"
          rows="3"
          aria-invalid=${this.errors.note ? 'true' : 'false'}
          aria-describedby=${this.describedBy('note', 'note-hint', 'note-count')}
          .value=${live(d.note)}
          @input=${(e: Event) => this.set('note', (e.target as HTMLTextAreaElement).value)}
        ></textarea>
        <p id="${id}-note-count" class="counter ${noteLength > NOTE_MAX ? 'over' : ''}">${t.noteCount(noteLength, NOTE_MAX)}</p>
        ${this.fieldError('note')}
      </div>
      <fieldset class="group">
        <legend>${t.patientLegend}</legend>
        ${this.textField('name', t.nameLabel, 'text')}
        <fieldset class="radios" part="field" aria-describedby=${this.describedBy('contactPreference') || nothing}>
          <legend>${t.contactLegend}</legend>
          ${CONTACT_PREFERENCES.map(
            (p: ContactPreference, i) => html`<label class="check">
              <input
                type="radio"
                name="${id}-contact"
                value=${p}
                data-field=${i === 0 ? 'contactPreference' : nothing}
                .checked=${live(pref === p)}
                @change=${() => this.set('contactPreference', p)}
              />
              <span>${t.contactOptions[p]}</span>
            </label>`,
          )}
          ${this.fieldError('contactPreference')}
        </fieldset>
        ${pref === 'phone' ? this.textField('phone', t.phoneLabel, 'tel') : nothing}
        ${pref === 'email' ? this.textField('email', t.emailLabel, 'email') : nothing}
        ${pref === 'letter' ? this.textField('address', t.addressLabel, 'textarea') : nothing}
      </fieldset>
      <fieldset class="group">
        <legend>${t.referrerLegend}</legend>
        ${this.textField('referrerName', t.referrerName, 'text')} ${this.textField('referrerPractice', t.referrerPractice, 'text')}
      </fieldset>
      <div class="consent">
        <label class="check">
          <input
            id="${id}-consent"
            type="checkbox"
            part="field"
            data-field="consent"
            required
            aria-invalid=${this.errors.consent ? 'true' : 'false'}
            aria-describedby=${this.describedBy('consent') || nothing}
            .checked=${live(d.consent)}
            @change=${(e: Event) => this.set('consent', (e.target as HTMLInputElement).checked)}
          />
          <span>${t.consent(this.organisation)}</span>
        </label>
        ${this.fieldError('consent')}
      </div>
      ${sending ? html`<p class="sending" role="status">${t.sending}</p>` : nothing}
      <div class="actions">
        <button type="submit" class="button" part="submit" ?disabled=${sending || this.targetState !== 'ready'}>${t.submit}</button>
        <button type="button" class="button secondary" ?disabled=${sending} @click=${() => this.close()}>${t.cancel}</button>
      </div>
    </form>`;
  }

  private textField(field: 'name' | 'phone' | 'email' | 'address' | 'referrerName' | 'referrerPractice', label: string, type: 'text' | 'tel' | 'email' | 'textarea'): TemplateResult {
    const id = `${this.uid}-${field}`;
    const value = this.draft[field];
    const input = (e: Event) => this.set(field, (e.target as HTMLInputElement | HTMLTextAreaElement).value);
    const common = {
      invalid: this.errors[field] ? 'true' : 'false',
      describedBy: this.describedBy(field) || nothing,
    };
    return html`<div class="field">
      <label for=${id}>${label}</label>
      ${type === 'textarea'
        ? html`<textarea id=${id} part="field" data-field=${field} rows="3" aria-invalid=${common.invalid} aria-describedby=${common.describedBy} .value=${live(value)} @input=${input}></textarea>`
        : html`<input
            id=${id}
            part="field"
            data-field=${field}
            type=${type}
            aria-invalid=${common.invalid}
            aria-describedby=${common.describedBy}
            .value=${live(value)}
            @input=${input}
          />`}
      ${this.fieldError(field)}
    </div>`;
  }

  private renderDone(t: ReferralTranslation): TemplateResult {
    const host = this.host;
    const o = this.outcome!;
    const org = o.kind === 'sent' ? (o.created.target.organizationName ?? this.organisation) : this.organisation;
    let title: string;
    let body: string;
    if (o.kind === 'sent') {
      title = t.sentTitle;
      body = t.sentBody(org);
    } else if (o.kind === 'handled') {
      title = t.handledTitle;
      body = t.handledBody;
    } else {
      title = t.fallbackTitle;
      const p = o.problem;
      body =
        p.status === 0
          ? t.fallbackNetwork
          : p.status === 502
            ? t.fallbackFailed(org)
            : p.type.endsWith('not-accepting-referrals')
              ? t.fallbackNotAccepting(org)
              : t.fallbackNoIntake(org);
    }
    const referral: HandoutReferral | null =
      o.kind === 'sent' ? { referralId: o.created.referralId, date: today() } : o.kind === 'handled' ? { date: today() } : null;
    const activity = this.target?.activity ?? null;
    const handoutActivityId = o.kind === 'sent' ? o.created.target.activityId : (activity?.id ?? '');
    return html`<div class="result" part="result">
      <div class="outcome outcome-${o.kind}" id="${this.uid}-result" tabindex="-1" role=${o.kind === 'fallback' ? 'alert' : 'status'}>
        <h3>${title}</h3>
        <p>${body}</p>
      </div>
      ${o.kind === 'fallback' ? this.renderContact(t, o.contact) : nothing}
      ${o.kind === 'sent'
        ? html`<sk-referral-status api=${host.api} referral-id=${o.created.referralId} token=${o.created.token} lang=${host.resolvedLang}></sk-referral-status>`
        : nothing}
      <div class="field">
        <label for="${this.uid}-summary">${t.summaryLabel}</label>
        <div class="copy-row">
          <textarea id="${this.uid}-summary" part="summary" rows="2" readonly .value=${this.summary}></textarea>
          <button type="button" class="button secondary copy" @click=${() => void this.copy()}>${t.copy}</button>
        </div>
        <p class="hint" role="status">${this.copyMessage}</p>
      </div>
      <section class="handout-section" aria-labelledby="${this.uid}-handout">
        <h3 id="${this.uid}-handout">${t.handoutHeading}</h3>
        <sk-welzijnsrecept
          part="handout"
          api=${host.api}
          activity-id=${handoutActivityId}
          lang=${host.resolvedLang}
          ?coach=${host.target === 'coach'}
          .activity=${handoutActivityId && activity?.id === handoutActivityId ? activity : null}
          .reasons=${this.draft.reasons}
          .referral=${referral}
          .referrer=${this.draft.referrerName || this.draft.referrerPractice ? { name: this.draft.referrerName.trim(), practice: this.draft.referrerPractice.trim() } : null}
        ></sk-welzijnsrecept>
      </section>
      <div class="actions">
        <button type="button" class="button secondary" @click=${() => this.newReferral()}>${t.newReferral}</button>
        <button type="button" class="button" @click=${() => this.close()}>${t.close}</button>
      </div>
    </div>`;
  }

  private renderContact(t: ReferralTranslation, c: ReferralContact | null): TemplateResult | typeof nothing {
    const list = c ? contactList(c, t) : nothing;
    if (list === nothing) return nothing;
    return html`<section class="info fallback" part="fallback" aria-labelledby="${this.uid}-contact">
      <h3 id="${this.uid}-contact">${t.contactProvider}: ${this.organisation}</h3>
      ${list}
    </section>`;
  }
}

/** Focusable controls of the dialog in tab order (DOM order: nothing here sets a positive tabindex). */
function tabbables(root: HTMLElement): HTMLElement[] {
  const all = [...root.querySelectorAll<HTMLElement>('button, input, textarea, select, a[href]')];
  return all.filter((el) => {
    if ((el as HTMLButtonElement).disabled || el.getClientRects().length === 0) return false;
    if (el instanceof HTMLInputElement && el.type === 'radio') {
      // A radio group is one tab stop: the checked radio, or the first one.
      const group = all.filter((r): r is HTMLInputElement => r instanceof HTMLInputElement && r.type === 'radio' && r.name === el.name);
      const checked = group.find((r) => r.checked);
      return checked ? checked === el : group[0] === el;
    }
    return true;
  });
}
