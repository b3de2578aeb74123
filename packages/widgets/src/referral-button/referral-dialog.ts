/**
 * The referral dialog of `<sk-referral-button>`: a reactive controller on the button that
 * holds the dialog's state and wires it to the referral session (internal/referral-session.ts:
 * target, sealing, sending, error messages). The templates are in referral-dialog.form.ts and
 * referral-dialog.result.ts. Loaded on first use (a separate chunk in the CDN build), so
 * neither the finder nor a page with many buttons pays for it up front.
 */
import { html, type ReactiveController, type TemplateResult } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { CONTACT_PREFERENCES, normalizePostcode } from '@sociale-kaart/schema';
import { emit, type SkReferralDetail, type SkReferralFailedDetail, type SkReferralSentDetail } from '../internal/events.js';
import { focusTrap } from '../internal/focus-trap.js';
import { FIELD_ORDER, validateDraft, type DraftField, type ReferralDraft, type ValidationErrors } from '../internal/referral-form.js';
import type { ReferralCreated, ReferralProblem, ReferralContact, ReferralTargetInfo } from '../internal/referral.js';
import { failureOf, isSealed, loadTarget, referralBody, sendReferral, type Destination, type ReferralTarget } from '../internal/referral-session.js';
import { needLabel, needLabels } from '../internal/taxonomy.js';
import { referralEn } from '../translations/referral-en.js';
import { referralNl } from '../translations/referral-nl.js';
import type { ReferralTranslation } from '../translations/translation.js';
import { renderForm } from './referral-dialog.form.js';
import { renderResult } from './referral-dialog.result.js';
import type { SkReferralButton } from './referral-button.js';
import '../welzijnsrecept/define.js';
import '../referral-status/define.js';

export { referralDialogStyles } from './referral-dialog.styles.js';

export type Phase = 'form' | 'sending' | 'done';
export type Outcome =
  | { kind: 'sent'; created: ReferralCreated; sealed: boolean }
  | { kind: 'handled' }
  | { kind: 'fallback'; problem: ReferralProblem; contact: ReferralContact | null; message: string };

let instances = 0;

export class ReferralDialog implements ReactiveController {
  readonly host: SkReferralButton;
  readonly uid = `skrd${++instances}`;

  phase: Phase = 'form';
  outcome: Outcome | null = null;
  draft: ReferralDraft;
  errors: ValidationErrors = {};
  formError: string | null = null;
  summary = '';
  copyMessage = '';
  private formTouched = false;
  /** What the loaded target was looked up for: when it changes, a finished referral starts afresh. */
  private loadedKey = '';

  /** Where the referral goes and that organisation's key; run when the dialog opens or the postcode changes. */
  readonly targetTask: Task<readonly [string, string, 'activity' | 'coach', string, string], ReferralTarget>;
  /** The reason labels of the taxonomy (shared per page). */
  readonly labelsTask: Task<readonly [string, string], Map<string, string>>;

  constructor(host: SkReferralButton) {
    this.host = host;
    this.draft = this.freshDraft();
    this.targetTask = new Task(host, {
      autoRun: false,
      args: () => [host.api, host.resolvedLang, host.target, host.activityId, this.postcode] as const,
      // Ready together with the reason labels (started first, in load()), so the form shows them at once.
      task: async ([api, lang, target, activityId, postcode], { signal }) => {
        const [loaded] = await Promise.all([loadTarget({ api, lang, target, activityId, postcode }, signal), this.labelsTask.taskComplete.catch(() => null)]);
        return loaded;
      },
    });
    this.labelsTask = new Task(host, {
      autoRun: false,
      args: () => [host.api, host.resolvedLang] as const,
      task: ([api, lang]) => needLabels(api, lang),
    });
    host.addController(this);
  }

  hostDisconnected(): void {
    this.targetTask.abort();
    this.close();
  }

  get t(): ReferralTranslation {
    return this.host.resolvedLang === 'en' ? referralEn : referralNl;
  }

  private get dialog(): HTMLDialogElement | null {
    return this.host.renderRoot.querySelector<HTMLDialogElement>(`#${this.uid}`);
  }

  get isOpen(): boolean {
    return this.dialog?.open ?? false;
  }

  update(): void {
    this.host.requestUpdate();
  }

  /** The target once loaded (null while loading, after an error, or before the first run). */
  get target(): ReferralTarget | null {
    return this.targetTask.status === TaskStatus.COMPLETE ? (this.targetTask.value ?? null) : null;
  }

  get labels(): Map<string, string> | null {
    return this.labelsTask.value ?? null;
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

  get postcode(): string {
    return normalizePostcode(this.host.postcode) ?? normalizePostcode(this.draft.postcode) ?? '';
  }

  /** Opens the dialog (modal: the page behind it is inert) and moves focus into it. */
  async show(): Promise<void> {
    // The host pointed the button elsewhere since the last referral: start afresh.
    if (this.phase === 'done' && this.loadedKey && this.loadedKey !== this.keyOf()) this.reset();
    if (this.phase === 'form' && !this.formTouched) this.draft = this.freshDraft();
    this.load();
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

  private focusStart(): void {
    this.host.renderRoot.querySelector<HTMLElement>(this.phase === 'done' ? `#${this.uid}-result` : `#${this.uid}-title`)?.focus();
  }

  private keyOf(): string {
    const h = this.host;
    return `${h.api}|${h.resolvedLang}|${h.target}|${h.target === 'coach' ? this.postcode : h.activityId}`;
  }

  /** Looks the target up again when what it depends on changed, or after an error. */
  load(): void {
    if (this.labelsTask.status !== TaskStatus.COMPLETE && this.labelsTask.status !== TaskStatus.PENDING && this.host.api) void this.labelsTask.run();
    const key = this.keyOf();
    if (key === this.loadedKey && this.targetTask.status !== TaskStatus.ERROR) return;
    this.loadedKey = key;
    void this.targetTask.run();
  }

  /** The receiving organisation as the GP and the consent text name it. */
  get organisation(): string {
    const info = this.target?.info;
    if (info?.organizationName) return info.organizationName;
    return this.host.target === 'coach' ? this.t.coachOfGemeente : this.t.theProvider;
  }

  reasonLabel(key: string): string {
    return this.labels?.get(key) ?? this.target?.activity?.needItems.find((n) => n.key === key)?.label ?? needLabel(null, key);
  }

  // ---------- editing ----------

  set<K extends keyof ReferralDraft>(field: K, value: ReferralDraft[K]): void {
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

  toggleReason(key: string, on: boolean): void {
    this.set('reasons', on ? [...new Set([...this.draft.reasons, key])] : this.draft.reasons.filter((k) => k !== key));
  }

  private async focusFirstError(): Promise<void> {
    await this.host.updateComplete;
    const first = FIELD_ORDER.find((f) => this.errors[f]);
    if (first) this.host.renderRoot.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
  }

  // ---------- submit ----------

  async submit(e: Event): Promise<void> {
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
    const target: ReferralTarget = this.target ?? { info: { activityId: host.target === 'coach' ? null : host.activityId, title: null, organizationName: null }, activity: null, key: null };
    const where: Destination = host.target === 'coach' ? { target: 'coach', postcode: this.postcode } : { target: 'activity', activityId: host.activityId };
    const title = target.info.title ?? (host.target === 'coach' ? this.t.coachOfGemeente : host.activityId);
    this.summary = this.t.summary(title, target.info.organizationName, this.draft.reasons.map((k) => this.reasonLabel(k)));
    this.phase = 'sending';
    this.update();
    const draft = this.draft;
    try {
      const referral = await referralBody(draft, where, target);
      if (!emit<SkReferralDetail>(host, 'sk-referral', { referral, target: target.info, summary: this.summary }, { cancelable: true })) {
        // The host delivers it through its own channel: nothing leaves the browser here.
        await this.finish({ kind: 'handled' });
        return;
      }
      const created = await sendReferral(host.api, host, referral, (key) => referralBody(draft, where, target, key));
      const sentTo: ReferralTargetInfo = { activityId: created.target.activityId, title: created.target.title, organizationName: created.target.organizationName };
      emit<SkReferralSentDetail>(host, 'sk-referral-sent', { referralId: created.referralId, statusUrl: created.statusUrl, token: created.token, target: sentTo, summary: this.summary });
      await this.finish({ kind: 'sent', created, sealed: isSealed(referral) });
    } catch (err) {
      await this.failed(err, target);
    }
  }

  private async failed(err: unknown, target: ReferralTarget): Promise<void> {
    const failure = failureOf(err, { draft: this.draft, target, targetType: this.host.target, t: this.t, organisation: this.organisation });
    emit<SkReferralFailedDetail>(this.host, 'sk-referral-failed', { problem: failure.problem });
    if (failure.kind === 'fallback') {
      await this.finish({ kind: 'fallback', problem: failure.problem, contact: failure.contact, message: failure.message });
      return;
    }
    this.phase = 'form';
    if (failure.kind === 'fields') {
      this.errors = failure.errors;
      this.update();
      await this.focusFirstError();
      return;
    }
    this.formError = failure.message;
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

  newReferral(): void {
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

  async copy(): Promise<void> {
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

  private onKeydown = focusTrap(
    () => this.dialog,
    () => this.host.renderRoot.querySelector<HTMLElement>(`#${this.uid}-title`),
  );

  render(): TemplateResult {
    return html`<dialog
      id=${this.uid}
      class="dialog"
      part="dialog"
      aria-labelledby="${this.uid}-title"
      @cancel=${this.onCancel}
      @close=${this.onClose}
      @keydown=${this.onKeydown}
    >
      <h2 id="${this.uid}-title" class="dialog-title" tabindex="-1">${this.t.dialogTitle}</h2>
      ${this.phase === 'done' ? renderResult(this) : renderForm(this)}
    </dialog>`;
  }
}
