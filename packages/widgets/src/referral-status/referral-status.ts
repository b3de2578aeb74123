import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiClient, ApiError, isAbort } from '../internal/api-client.js';
import { emit, type SkReferralStatusDetail } from '../internal/events.js';
import { resolveLang, translationFor, type Translation } from '../internal/i18n.js';
import { FINAL_STATUSES, type ReferralStatusView } from '../internal/referral.js';
import { baseStyles, themeTokens } from '../internal/theme.js';
import { referralStatusStyles } from './referral-status.styles.js';
import { optionalText } from '../internal/converters.js';

/** Below this the relay's status rate limit would bite; also keeps a typo ("3") from hammering the API. */
const MIN_INTERVAL_S = 1;

/**
 * Shows the status of a Welzijn op Recept referral and its history to the GP, and keeps it
 * current: it polls `GET {api}/referrals/{referral-id}?token=…` every `interval` seconds,
 * pauses while the page is hidden, and stops when the referral is closed or declined, or
 * when the element leaves the page. Changes are announced to screen readers.
 *
 * @tagname sk-referral-status
 * @summary Status and history of a referral (terugkoppeling to the GP).
 *
 * @event {CustomEvent<SkReferralStatusDetail>} sk-referral-status - The status changed (also fired on the first load, with `previousStatus: null`).
 *
 * @csspart base - The whole element.
 * @csspart status - The current status.
 * @csspart history - The list of earlier statuses.
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
      const view = await new ApiClient(this.api).referralStatus(this.referralId, this.token, abort.signal);
      if (abort.signal.aborted) return;
      const before = this._view;
      const previous = before?.status ?? null;
      this._view = view;
      this._error = null;
      if (!before || before.status !== view.status || before.history.length !== view.history.length) {
        if (previous !== null) this._announcement = this._t.referralStatus.changed(this._t.referralStatus.statuses[view.status] ?? view.status);
        emit<SkReferralStatusDetail>(this, 'sk-referral-status', { referralId: view.referralId, status: view.status, previousStatus: previous, history: view.history });
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

  private _time(iso: string): string {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return iso;
    return new Intl.DateTimeFormat(this._t.locale, { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(d);
  }

  protected override render(): TemplateResult {
    const t = this._t.referralStatus;
    const v = this._view;
    const label = (s: string) => t.statuses[s as keyof typeof t.statuses] ?? s;
    return html`<section class="base" part="base" aria-label=${t.label}>
      ${v
        ? html`<p class="current">
              <span class="label">${t.label}:</span>
              <strong class="status" part="status" data-status=${v.status}>${label(v.status)}</strong>
            </p>
            ${v.target.title ? html`<p class="target">${t.to(`${v.target.title}${v.target.organizationName ? ` (${v.target.organizationName})` : ''}`)}</p>` : nothing}
            <ol class="history" part="history" aria-label=${t.history}>
              ${v.history.map(
                (h) => html`<li data-status=${h.status}>
                  <time datetime=${h.at}>${this._time(h.at)}</time> <span>${label(h.status)}</span>${h.reason ? html`<span class="reason"> — ${h.reason}</span>` : nothing}
                </li>`,
              )}
            </ol>`
        : this._error
          ? nothing
          : html`<p class="state" part="state">${t.loading}</p>`}
      ${this._error ? html`<p class="state error" part="state">${this._error === 'not-found' ? t.notFound : t.error}</p>` : nothing}
      <p class="sr-only" role="status" aria-live="polite">${this._announcement}</p>
    </section>`;
  }
}
