import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiClient, ApiError, isAbort } from '../internal/api-client.js';
import { emit, type SkReferralStatusDetail } from '../internal/events.js';
import { resolveLang, translationFor, type Translation } from '../internal/i18n.js';
import { FINAL_STATUSES, type ReferralStatusView } from '../internal/referral.js';
import { baseStyles, themeTokens } from '../internal/theme.js';
import { referralStatusStyles } from './referral-status.styles.js';
import { optionalText } from '../internal/converters.js';
type StatusView = typeof import('./status-view.js');

/** Below this the relay's status rate limit would bite; also keeps a typo ("3") from hammering the API. */
const MIN_INTERVAL_S = 1;

/**
 * Shows the status of a Welzijn op Recept referral and its history to the GP, and keeps it
 * current: it polls `GET {api}/referrals/{referral-id}?token=…` every `interval` seconds,
 * pauses while the page is hidden, and stops when the referral is closed or declined, or
 * when the element leaves the page. Changes are announced to screen readers. A handover names
 * the organisation that has the referral now, a start the activity the patient started, and
 * the time to first contact is shown ("Contact opgenomen na 2 dagen"). The journal line for
 * the patient record, naming the current status, is in the event's `summary`.
 *
 * @tagname sk-referral-status
 * @summary Status and history of a referral (terugkoppeling to the GP).
 *
 * @event {CustomEvent<SkReferralStatusDetail>} sk-referral-status - The status changed (also fired on the first load, with `previousStatus: null`); `summary` is the journal line.
 *
 * @csspart base - The whole element.
 * @csspart status - The current status.
 * @csspart history - The list of earlier statuses.
 * @csspart first-contact - The time to first contact.
 * @csspart state - Loading and error messages.
 *
 * @cssproperty --sk-font-family - Font; falls back to `--utrecht-document-font-family`.
 * @cssproperty --sk-color-text - Text colour; falls back to `--utrecht-document-color`.
 * @cssproperty --sk-color-text-muted - Times in the history.
 * @cssproperty --sk-color-badge-background - Background of the current status.
 * @cssproperty --sk-color-badge-text - Text of the current status.
 * @cssproperty --sk-color-error - Declined and failed statuses.
 */
export class SkReferralStatus extends LitElement {
  static override styles = [themeTokens, baseStyles, referralStatusStyles];

  /** Base URL of the search API, including /v1. */
  @property({ reflect: true, converter: optionalText }) api = '';

  /** The `referralId` from `sk-referral-sent`. */
  @property({ reflect: true, attribute: 'referral-id', converter: optionalText }) referralId = '';

  /** The capability `token` from `sk-referral-sent`. Whoever has it can read the status (never patient data). */
  @property({ reflect: true, converter: optionalText }) token = '';

  /** Seconds between polls (default 30). */
  @property({ type: Number, reflect: true }) interval = 30;

  /** Interface language: `nl` (default) or `en`. */
  @property({ reflect: true, converter: optionalText }) override lang = '';

  @state() private _view: ReferralStatusView | null = null;
  @state() private _error: 'not-found' | 'error' | null = null;
  @state() private _announcement = '';

  @state() private _titles = new Map<string, string>();
  private _text: StatusView | null = null;
  private _textLoad: Promise<StatusView> | null = null;
  private _timer: ReturnType<typeof setTimeout> | null = null;
  private _abort: AbortController | null = null;
  private _stopped = false;

  private get _t(): Translation {
    return translationFor(resolveLang(this));
  }

  /** Whether it is still polling (false once closed/declined, not found, or disconnected). */
  get polling(): boolean {
    return this.isConnected && !this._stopped;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this._onVisibility);
    // Moved in the page: carry on where it was.
    if (this.hasUpdated) this._restart(false);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this._onVisibility);
    this._clear();
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('api') || changed.has('referralId') || changed.has('token')) this._restart(true);
    else if (changed.has('interval') && this._timer) this._schedule();
  }

  /** Fetches the status now (and carries on polling unless it has stopped). */
  async refresh(): Promise<void> {
    await this._poll();
  }

  private _restart(reset: boolean): void {
    this._clear();
    if (reset) {
      this._view = null;
      this._error = null;
      this._announcement = '';
    }
    this._stopped = false;
    if (this.api && this.referralId && this.token) void this._poll();
  }

  private _clear(): void {
    if (this._timer) clearTimeout(this._timer);
    this._timer = null;
    this._abort?.abort();
    this._abort = null;
  }

  private _schedule(): void {
    if (this._timer) clearTimeout(this._timer);
    this._timer = null;
    if (this._stopped || !this.isConnected || document.hidden) return;
    const seconds = Math.max(MIN_INTERVAL_S, Number.isFinite(this.interval) && this.interval > 0 ? this.interval : 30);
    this._timer = setTimeout(() => void this._poll(), seconds * 1000);
  }

  private readonly _onVisibility = () => {
    if (document.hidden) this._clear();
    else if (!this._stopped && this.api && this.referralId && this.token) void this._poll();
  };

  private async _poll(): Promise<void> {
    if (!this.isConnected || !this.api || !this.referralId || !this.token) return;
    this._abort?.abort();
    const abort = new AbortController();
    this._abort = abort;
    try {
      const [view, text] = await Promise.all([new ApiClient(this.api).referralStatus(this.referralId, this.token, abort.signal), this._loadText()]);
      if (abort.signal.aborted) return;
      this._text = text;
      // Before the event: its journal line names the activity the patient started.
      const titles = await text.activityTitles(this.api, resolveLang(this), view, this._titles);
      if (abort.signal.aborted) return;
      if (titles) this._titles = titles;
      const before = this._view;
      const previous = before?.status ?? null;
      this._view = view;
      this._error = null;
      if (!before || before.status !== view.status || before.history.length !== view.history.length) {
        if (previous !== null) this._announcement = this._t.referralStatus.changed(text.describe(view, this._t, this._titles).current);
        const summary = text.describe(view, this._t, this._titles).journal;
        emit<SkReferralStatusDetail>(this, 'sk-referral-status', { referralId: view.referralId, status: view.status, previousStatus: previous, history: view.history, summary });
      }
      if (FINAL_STATUSES.includes(view.status)) this._stopped = true;
    } catch (e) {
      if (isAbort(e) || abort.signal.aborted) return;
      // Unknown id and wrong token look the same (404): nothing to wait for.
      if (e instanceof ApiError && e.status === 404) {
        this._error = 'not-found';
        this._stopped = true;
      } else {
        this._error = 'error';
      }
    } finally {
      if (this._abort === abort) this._abort = null;
    }
    this._schedule();
  }

  private _loadText(): Promise<StatusView> {
    this._textLoad ??= import('./status-view.js').catch((e: unknown) => {
      this._textLoad = null;
      throw e;
    });
    return this._textLoad;
  }

  protected override render(): TemplateResult {
    const t = this._t;
    const v = this._view;
    return html`<section class="base" part="base" aria-label=${t.referralStatus.label}>
      ${v && this._text
        ? this._text.renderView(v, t, this._titles)
        : this._error
          ? nothing
          : html`<p class="state" part="state">${t.referralStatus.loading}</p>`}
      ${this._error ? html`<p class="state error" part="state">${this._error === 'not-found' ? t.referralStatus.notFound : t.referralStatus.error}</p>` : nothing}
      <p class="sr-only" role="status" aria-live="polite">${this._announcement}</p>
    </section>`;
  }
}
