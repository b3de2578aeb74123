import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { resolveLang, translationFor, type Lang, type Translation } from '../internal/i18n.js';
import { keyList, keyListConverter } from '../internal/key-list.js';
import type { ReferralPatient, ReferralReferrer } from '../internal/referral.js';
import type { ReferrerTokenSource } from '../internal/referrer-token.js';
import { baseStyles, buttonStyles, themeTokens } from '../internal/theme.js';
import { referralButtonStyles } from './referral-button.styles.js';
import type { ReferralDialog } from './referral-dialog.js';
import { optionalText } from '../internal/converters.js';

type DialogModule = typeof import('./referral-dialog.js');

/**
 * A Welzijn op Recept referral in one click: the button opens an accessible modal dialog
 * that shows where the referral goes and what will be sent, asks for the reasons, a short
 * note, the patient's name and how they want to be contacted, and the patient's consent.
 * On submit it dispatches a cancelable `sk-referral`; unless the host cancels it, the
 * referral is posted to `{api}/referrals`, with the referrer token the HIS backend signed
 * (`referrer-token` or `getReferrerToken`) as `Authorization: Bearer`. Afterwards the dialog always offers the
 * printable handout and a one-line summary for the patient record.
 *
 * The dialog's code loads on first use, so the button costs a page almost nothing.
 *
 * @tagname sk-referral-button
 * @summary Refer a patient to an activity or to the welzijnscoach (Welzijn op Recept).
 *
 * @event {CustomEvent<SkReferralDetail>} sk-referral - Cancelable. The GP submitted a valid referral: `detail.referral` is the exact POST body, `detail.target` `{ activityId, title, organizationName }`, `detail.summary` the journal line. `preventDefault()` keeps everything in the browser (the host sends it through its own channel).
 * @event {CustomEvent<SkReferralSentDetail>} sk-referral-sent - The relay delivered the referral: `{ referralId, statusUrl, token, target, summary }`.
 * @event {CustomEvent<SkReferralFailedDetail>} sk-referral-failed - Not delivered: `{ problem }` (problem+json of the relay; 401: the referrer token was refused, after one retry with a fresh token from `getReferrerToken`; 422 and 502 carry the provider's `contact`; without a token nothing is sent and the problem is `{ type: 'no-referrer-token', status: 401 }`; a network error is `{ type: 'network-error', status: 0 }`).
 *
 * @slot - The button's text (default "Verwijzen via Welzijn op Recept").
 *
 * @csspart button - The button that opens the dialog.
 * @csspart dialog - The `<dialog>`.
 * @csspart form - The referral form.
 * @csspart field - Every input, textarea and checkbox group of the form.
 * @csspart error - Field error messages.
 * @csspart submit - The send button.
 * @csspart result - The block shown after a referral (sent, handled by the host, or fallback).
 * @csspart fallback - The provider's contact details when electronic referral is not possible.
 * @csspart summary - The one-line summary for the patient record.
 * @csspart handout - The `<sk-welzijnsrecept>` in the dialog.
 *
 * @cssproperty --sk-font-family - Font; falls back to `--utrecht-document-font-family`.
 * @cssproperty --sk-font-size - Base font size; falls back to `--utrecht-document-font-size`.
 * @cssproperty --sk-color-text - Text colour; falls back to `--utrecht-document-color`.
 * @cssproperty --sk-color-text-muted - Hints and counters.
 * @cssproperty --sk-color-background - Dialog background; falls back to `--utrecht-document-background-color`.
 * @cssproperty --sk-color-surface - Background of info blocks.
 * @cssproperty --sk-color-border - Borders of fields; falls back to `--utrecht-form-control-border-color`.
 * @cssproperty --sk-color-primary - Buttons; falls back to `--utrecht-button-primary-action-background-color`.
 * @cssproperty --sk-color-on-primary - Text on buttons; falls back to `--utrecht-button-primary-action-color`.
 * @cssproperty --sk-color-focus - Focus outline; falls back to `--utrecht-focus-outline-color`.
 * @cssproperty --sk-color-error - Error messages and invalid fields.
 * @cssproperty --sk-border-radius - Corner radius; falls back to `--utrecht-border-radius`.
 * @cssproperty --sk-dialog-width - Width of the dialog (default 44rem, never wider than the screen).
 */
export class SkReferralButton extends LitElement {
  static override styles = [themeTokens, baseStyles, buttonStyles, referralButtonStyles];

  /** Base URL of the search API, including /v1. */
  @property({ reflect: true, converter: optionalText }) api = '';

  /** `activity` (refer to `activity-id`) or `coach` (the welzijnscoach of the patient's gemeente, by `postcode`). */
  @property({ reflect: true }) target: 'activity' | 'coach' = 'activity';

  /** The activity to refer to (`target="activity"`). */
  @property({ reflect: true, attribute: 'activity-id', converter: optionalText }) activityId = '';

  /** The patient's postcode (`target="coach"`); without it the dialog asks for it. */
  @property({ reflect: true, converter: optionalText }) postcode = '';

  /** Referral needs of the consult, comma-separated (as on `<sk-finder need>`): prefill the reasons when `reasons` is empty. */
  @property({ reflect: true, converter: optionalText }) need = '';

  /** Reasons to prefill: need keys, comma-separated as an attribute or a list as a property. */
  @property({ reflect: true, converter: keyListConverter }) reasons: string[] = [];

  /** The patient, passed in by the host (HIS) to prefill the dialog: `{ name, contactPreference: 'phone' | 'email' | 'letter', phone?, email?, address? }`. Never leaves the browser unless the GP sends the referral. */
  @property({ attribute: false }) patient: Partial<ReferralPatient> | null = null;

  /** The referring GP, passed in by the host to prefill the dialog: `{ name?, practice? }`. */
  @property({ attribute: false }) referrer: ReferralReferrer | null = null;

  /**
   * The referrer token: a short-lived JWT that the HIS backend signs for this consult (the
   * practice in `sub`). Sent as `Authorization: Bearer …` with the referral, and nowhere else.
   * Without it (and without `getReferrerToken`) the dialog does not send, and says the HIS did
   * not sign the referral.
   */
  @property({ attribute: 'referrer-token', converter: optionalText }) referrerToken = '';

  /**
   * A callback that returns a fresh referrer token (may be async), e.g. from the HIS backend.
   * Called before each referral is sent, and once more when the relay answers 401 (an expired
   * token); wins over `referrer-token`.
   */
  @property({ attribute: false }) getReferrerToken: ReferrerTokenSource | null = null;

  /** Interface language: `nl` (default) or `en`. */
  @property({ reflect: true, converter: optionalText }) override lang = '';

  @state() private _loading = false;
  @state() private _loadError = false;

  /** The dialog's logic and template; loaded on first use. */
  private _dialog: ReferralDialog | null = null;
  private _module: Promise<DialogModule> | null = null;

  /** @internal */
  get resolvedLang(): Lang {
    return resolveLang(this);
  }

  /** @internal */
  get t(): Translation {
    return translationFor(this.resolvedLang);
  }

  /** The reasons to start the dialog with: `reasons`, else the keys in `need`. */
  get initialReasons(): string[] {
    return this.reasons.length ? this.reasons : keyList(this.need);
  }

  /** Whether the dialog is open. */
  get isOpen(): boolean {
    return this._dialog?.isOpen ?? false;
  }

  private _load(): Promise<DialogModule> {
    this._module ??= import('./referral-dialog.js').catch((e: unknown) => {
      this._module = null;
      throw e;
    });
    return this._module;
  }

  /** Opens the referral dialog (loading its code first, the first time). */
  async open(): Promise<void> {
    if (this._dialog?.isOpen) return;
    this._loading = true;
    this._loadError = false;
    try {
      const mod = await this._load();
      if (!this._dialog) {
        this._adopt(mod);
        this._dialog = new mod.ReferralDialog(this);
      }
    } catch {
      this._loadError = true;
      return;
    } finally {
      this._loading = false;
    }
    this.requestUpdate();
    await this.updateComplete;
    await this._dialog.show();
  }

  /** Closes the dialog; focus returns to the button. */
  close(): void {
    this._dialog?.close();
  }

  /** @internal Where focus returns when the dialog closes. */
  focusTrigger(): void {
    this.renderRoot.querySelector<HTMLButtonElement>('.trigger')?.focus();
  }

  private _adopt(mod: DialogModule): void {
    const root = this.shadowRoot;
    const sheet = mod.referralDialogStyles.styleSheet;
    if (root && sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }

  private _preload = () => {
    void this._load().catch(() => undefined);
  };

  protected override render(): TemplateResult {
    const t = this.t.referralButton;
    const label = this.target === 'coach' ? t.coach : t.activity;
    return html`<button
        type="button"
        class="button trigger"
        part="button"
        aria-haspopup="dialog"
        aria-busy=${this._loading ? 'true' : 'false'}
        @click=${() => void this.open()}
        @pointerenter=${this._preload}
        @focus=${this._preload}
      >
        <slot>${label}</slot>
      </button>
      ${this._loading ? html`<span class="sr-only" role="status">${t.loading}</span>` : nothing}
      ${this._loadError ? html`<p class="load-error" role="alert">${this.t.errorNetwork}</p>` : nothing}
      ${this._dialog ? this._dialog.render() : nothing}`;
  }
}
