import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import { normalizePostcode } from '@sociale-kaart/schema';
import { ApiClient, ApiError, wait, type ActivityResponse, type SearchResponse } from '../internal/api-client.js';
import { optionalText } from '../internal/converters.js';
import { emit, type SkSearchDetail, type SkSelectDetail } from '../internal/events.js';
import { headingLevel } from '../internal/heading.js';
import { resolveLang, translationFor, type Lang, type Translation } from '../internal/i18n.js';
import { keyList } from '../internal/key-list.js';
import { hasFilters, normalizeQuery, toSearchParams, type FinderQuery } from '../internal/query.js';
import type { ReferralPatient, ReferralReferrer } from '../internal/referral.js';
import type { ReferrerTokenSource } from '../internal/referrer-token.js';
import { baseStyles, buttonStyles, themeTokens } from '../internal/theme.js';
import { renderDetail } from './activity-detail.js';
import { FacetLabels } from './facet-labels.js';
import { renderFilters, type FilterActions } from './finder-filters.js';
import { FinderMapController } from './map-controller.js';
import { finderStyles } from './finder.styles.js';
import { renderPlace, renderViewSwitch, type PlaceActions } from './place-form.js';
import { renderReferralButton } from './referral-slot.js';
import { renderUnderstood, understoodLabels } from './understood-chip.js';
import type { FinderView } from './result-card.js';
import { renderResultList, statusText, type ResultListActions, type ResultListState } from './result-list.js';
import { DEBOUNCE_MS, SuggestCombobox, type SuggestOption } from './suggest-combobox.js';

let instances = 0;

/**
 * Finds welzijn activities: search with type-ahead, filter chips, a postcode with
 * distance, result cards, a detail view and a lazily loaded map.
 *
 * @tagname sk-finder
 * @summary The sociale kaart finder for GP systems (mode="professional") and gemeente sites (mode="public").
 *
 * @event {CustomEvent<SkSearchDetail>} sk-search - A search completed; `detail.query` is the normalised query (restore it with the `query` property), `detail.total` the number of results.
 * @event {CustomEvent<SkSelectDetail>} sk-select - The user opened an activity; `detail.activity` is the full activity record.
 *
 * @slot referral - Shown in the detail view under the activity. Without slotted content, `mode="professional"` shows an `<sk-referral-button>` there for activities that accept Welzijn op Recept (it gets the finder's `api`, `need`, `patient`, `referrer`, `referrer-token` and `getReferrerToken`).
 *
 * @csspart base - The whole finder.
 * @csspart search - The search field block (label, input, suggestions).
 * @csspart search-input - The search input.
 * @csspart suggestions - The type-ahead list.
 * @csspart suggestion-detail - The secondary text of an activity suggestion (its place or organisation), when the search API sends one.
 * @csspart place - The postcode and distance fields.
 * @csspart postcode-input - The postcode input.
 * @csspart radius-select - The distance select beside the postcode.
 * @csspart view-switch - The list/map toggle.
 * @csspart filters - The filter groups.
 * @csspart filter-group - One filter group (a `<details>` with its chips).
 * @csspart clear-filters - The "clear filters" button, shown while a filter is on.
 * @csspart chip - Every filter chip.
 * @csspart chip-pressed - A filter chip that is on.
 * @csspart status - The live result count.
 * @csspart understood - "Gezocht op: …": the needs and categories the search read out of the typed text, with a button that removes them (the same text is searched again without them).
 * @csspart results - The result list.
 * @csspart card - A result card.
 * @csspart card-highlighted - The card whose marker is hovered or focused on the map (and the card under the pointer or focus).
 * @csspart card-title - The title button of a card.
 * @csspart badge - A badge (Welzijn op Recept, gratis, …).
 * @csspart badge-stale - The "Gegevens mogelijk verouderd" badge on a hit nobody confirmed for a long time (also a `badge`).
 * @csspart state - The empty, loading and error panels.
 * @csspart button - Buttons (retry, pagination, back).
 * @csspart back-button - The "back to the results" button of the detail view.
 * @csspart map - The map (map view).
 * @csspart detail - The detail view.
 * @csspart detail-map - The map pin in the detail view.
 * @csspart referral - The container of the `referral` slot.
 * @csspart mark - Highlighted search matches.
 *
 * @cssproperty --sk-font-family - Font; falls back to `--utrecht-document-font-family`.
 * @cssproperty --sk-font-size - Base font size; falls back to `--utrecht-document-font-size`.
 * @cssproperty --sk-color-text - Text colour; falls back to `--utrecht-document-color`.
 * @cssproperty --sk-color-text-muted - Secondary text colour.
 * @cssproperty --sk-color-background - Background; falls back to `--utrecht-document-background-color`.
 * @cssproperty --sk-color-surface - Background of panels and highlighted cards.
 * @cssproperty --sk-color-border - Borders of fields and cards; falls back to `--utrecht-form-control-border-color`.
 * @cssproperty --sk-color-primary - Buttons, chips and markers; falls back to `--utrecht-button-primary-action-background-color`.
 * @cssproperty --sk-color-on-primary - Text on primary; falls back to `--utrecht-button-primary-action-color`.
 * @cssproperty --sk-color-link - Links and card titles; falls back to `--utrecht-link-color`.
 * @cssproperty --sk-color-focus - Focus outline; falls back to `--utrecht-focus-outline-color`.
 * @cssproperty --sk-color-error - Error text and borders.
 * @cssproperty --sk-color-highlight - Background of matched words.
 * @cssproperty --sk-color-badge-background - Badge background.
 * @cssproperty --sk-color-badge-text - Badge text.
 * @cssproperty --sk-border-radius - Corner radius; falls back to `--utrecht-border-radius`.
 * @cssproperty --sk-space - Base spacing.
 * @cssproperty --sk-map-height - Height of the map in map view.
 */
export class SkFinder extends LitElement {
  static override styles = [themeTokens, baseStyles, buttonStyles, finderStyles];

  /** Base URL of the search API, including /v1. */
  @property({ reflect: true, converter: optionalText }) api = '';

  /** Interface language: `nl` (default) or `en`; without it the page's language is used. */
  @property({ reflect: true, converter: optionalText }) override lang = '';

  /** `professional` (compact, keyboard-first, intake info) or `public` (larger, plain text). */
  @property({ reflect: true }) mode: 'professional' | 'public' = 'public';

  /** `list` or `map`. */
  @property({ reflect: true }) view: 'list' | 'map' = 'list';

  /**
   * The heading level of the result titles (1–6, default 2), so the finder fits the outline of
   * the page around it: under an `<h1>` keep 2, under an `<h2>` use 3. The activity title in the
   * detail view has the same level, its sections (when, where, contact …) one below.
   */
  @property({ type: Number, reflect: true, attribute: 'heading-level' }) headingLevel = 2;

  /** Tile URL template for the map; PDOK BRT achtergrondkaart by default. */
  @property({ reflect: true, attribute: 'tile-url', converter: optionalText }) tileUrl = '';

  /** Attribution text for custom tiles (shown as text). */
  @property({ reflect: true, attribute: 'tile-attribution', converter: optionalText }) tileAttribution = '';

  /**
   * The patient of the consult, from the host (HIS): passed on to the referral button in the
   * detail view to prefill its dialog. `{ name, contactPreference, phone?, email?, address? }`.
   */
  @property({ attribute: false }) patient: Partial<ReferralPatient> | null = null;

  /** The referring GP, from the host: passed on to the referral button. `{ name?, practice? }`. */
  @property({ attribute: false }) referrer: ReferralReferrer | null = null;

  /**
   * The referrer token from the HIS backend (a signed, short-lived JWT), passed on to the
   * referral button: sent as `Authorization: Bearer …` with a referral. See `<sk-referral-button>`.
   */
  @property({ attribute: 'referrer-token', converter: optionalText }) referrerToken = '';

  /** Asked for a fresh referrer token before a referral and once more after a 401; passed on to the referral button. */
  @property({ attribute: false }) getReferrerToken: ReferrerTokenSource | null = null;

  /**
   * The search as set: by the user, by the attributes below or through `query`. Lists are
   * arrays; `q`, `postcode` and `near` are kept as typed (the `query` getter normalises them).
   */
  @state() private _query: FinderQuery = normalizeQuery({});

  /** Search text. */
  @property({ reflect: true, converter: optionalText })
  get q(): string {
    return this._query.q;
  }
  set q(value: string) {
    this._patch({ q: value ?? '' });
  }

  /** Referral need keys (e.g. `eenzaamheid`), comma-separated. */
  @property({ reflect: true, converter: optionalText })
  get need(): string {
    return this._query.need.join(',');
  }
  set need(value: string) {
    this._patch({ need: keyList(value) });
  }

  /** Category keys (e.g. `exercise`), comma-separated. */
  @property({ reflect: true, converter: optionalText })
  get category(): string {
    return this._query.category.join(',');
  }
  set category(value: string) {
    this._patch({ category: keyList(value) });
  }

  /** Dutch postcode to search around: `3511AB`, `3511 AB` or `3511`. */
  @property({ reflect: true, converter: optionalText })
  get postcode(): string {
    return this._query.postcode;
  }
  set postcode(value: string) {
    this._patch({ postcode: value ?? '' });
  }

  /** A point to search around as `lat,lng`; wins over `postcode`. */
  @property({ reflect: true, converter: optionalText })
  get near(): string {
    return this._query.near;
  }
  set near(value: string) {
    this._patch({ near: value ?? '' });
  }

  /** Radius in km around the postcode or point; without it the search API's default (10 km). */
  @property({ type: Number, reflect: true })
  get radius(): number | null {
    return this._query.radius;
  }
  set radius(value: number | null) {
    this._patch({ radius: normalizeQuery({ radius: value }).radius });
  }

  /** Results per page (1–50, default 10). */
  @property({ type: Number, reflect: true, attribute: 'per-page' })
  get perPage(): number {
    return this._query.perPage;
  }
  set perPage(value: number) {
    this._patch({ perPage: normalizeQuery({ perPage: value }).perPage });
  }

  /**
   * The whole search state as one normalised object (also the `detail.query` of
   * `sk-search`). Assign a stored one to restore a search, page included.
   */
  get query(): FinderQuery {
    return normalizeQuery(this._query);
  }
  set query(value: Partial<FinderQuery>) {
    this._patch(normalizeQuery(value ?? {}));
  }

  @state() private _selectedId: string | null = null;
  @state() private _postcodeDraft: string | null = null;
  @state() private _postcodeError = false;
  @state() private _highlightId: string | null = null;
  /** Said in the live status before the result count, after the user changed the search there. */
  @state() private _notice = '';
  /** Filter groups the user opened or closed; null until then, and the mode decides (_defaultOpenGroups). */
  @state() private _openGroups: Set<string> | null = null;

  private readonly _uid = `sk${++instances}`;
  private _lastResponse: SearchResponse | null = null;
  private _lastRunQ: string | null = null;
  private _skipDebounce = false;
  private readonly _labels = new FacetLabels();
  private _returnFocusTo: string | null = null;

  private readonly _maps = new FinderMapController(this, {
    translation: () => this._t,
    select: (id) => this._open(id, null),
    highlight: (id) => {
      this._highlightId = id;
    },
  });

  private readonly _combobox = new SuggestCombobox(this, this._uid, {
    lang: () => this._lang,
    text: () => this.q,
    input: (text) => {
      this.q = text;
    },
    choose: (option) => this._choose(option),
    submit: () => {
      this._skipDebounce = true;
      void this._search.run();
    },
  });

  private readonly _search = new Task(this, {
    args: () => [this.api, toSearchParams(this.query, this._lang).toString(), this.query.q] as const,
    task: async ([api, params, q], { signal }) => {
      if (!api) throw new ApiError('config', 0, null, 'no api');
      // Typing waits a moment (aborted by the next keystroke); filters and Enter do not.
      const typing = this._lastRunQ !== null && q !== this._lastRunQ && !this._skipDebounce;
      this._skipDebounce = false;
      if (typing) await wait(DEBOUNCE_MS, signal);
      this._lastRunQ = q;
      return new ApiClient(api).search(new URLSearchParams(params), signal);
    },
    onComplete: (res) => {
      this._lastResponse = res;
      this._labels.remember(res, this._lang);
      // `need` may be a Dutch word (need="eenzaam"); the API answers with the key it resolved
      // it to. Adopt the keys so the need chip shows as selected, with its label.
      const echoed = (res.query as { need?: unknown }).need;
      if (Array.isArray(echoed) && echoed.every((k) => typeof k === 'string')) {
        const keys = (echoed as string[]).join(',');
        if (keys !== this.need && this._query.need.length > 0) this.need = keys;
      }
      emit<SkSearchDetail>(this, 'sk-search', { query: this.query, total: res.total });
      // The map shows the whole search, whichever page the list is on.
      this._maps.showResults(res, toSearchParams({ ...this.query, page: 1 }, this._lang).toString());
    },
  });

  private readonly _detail = new Task(this, {
    args: () => [this.api, this._selectedId, this._lang] as const,
    task: ([api, id, lang], { signal }) => (id ? new ApiClient(api).activity(id, lang, signal) : Promise.resolve(null)),
    onComplete: (activity) => {
      if (!activity) return;
      emit<SkSelectDetail>(this, 'sk-select', { id: activity.id, activity });
    },
  });

  private get _lang(): Lang {
    return resolveLang(this);
  }

  private get _t(): Translation {
    return translationFor(this._lang);
  }

  private get _view(): FinderView {
    return { t: this._t, mode: this.mode, headingLevel: headingLevel(this.headingLevel), label: (group, key) => this._labels.get(group, key) };
  }

  /**
   * Changes the search. Any change but the page goes back to page 1; attributes that mirror
   * a changed field (`q`, `need`, `postcode` …) are reflected.
   */
  private _patch(change: Partial<FinderQuery>): void {
    const before = this._query;
    const next = { ...before, ...change };
    const changed = (Object.keys(change) as (keyof FinderQuery)[]).some((k) => String(before[k]) !== String(next[k]));
    if (!changed) return;
    if (change.page === undefined) next.page = 1;
    // New text is a new question: the API may read it again (the chip's removal was for the old
    // text; a space typed before the next word is not new text yet).
    if (change.understand === undefined && normalizeQuery(next).q !== normalizeQuery(before).q) next.understand = true;
    this._notice = '';
    const old = REFLECTED.map((name) => this[name]);
    this._query = next;
    REFLECTED.forEach((name, i) => this.requestUpdate(name, old[i]));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('postcode')) {
      this._postcodeDraft = null;
      this._postcodeError = false;
    }
    if (changed.has('view')) this._maps.viewChanged();
    if (changed.has('_selectedId' as keyof SkFinder) && this._selectedId === null) this._maps.showDetail(null);
  }

  /** The loaded activity of the detail view, once it is the selected one. */
  private get _selectedActivity(): ActivityResponse | null {
    const a = this._selectedId ? (this._detail.value as ActivityResponse | null | undefined) : null;
    return a && a.id === this._selectedId ? a : null;
  }

  protected override updated(changed: PropertyValues<this>): void {
    const activity = this._selectedActivity;
    if (activity) this._maps.showDetail(activity);
    if (changed.has('_highlightId' as keyof SkFinder)) this._maps.highlight(this._highlightId);
  }

  // ---------- interaction ----------

  private _choose(option: SuggestOption): void {
    if (option.kind === 'activity') {
      this._open(option.key, null);
      return;
    }
    this._labels.set(option.kind, option.key, option.label);
    this._skipDebounce = true;
    this._patch({ q: '', [option.kind]: [...new Set([...this._query[option.kind], option.key])] });
  }

  private readonly _filterActions: FilterActions = {
    isOpen: (name) => (this._openGroups ?? this._defaultOpenGroups()).has(name),
    setOpen: (name, open) => {
      const next = new Set(this._openGroups ?? this._defaultOpenGroups());
      if (open) next.add(name);
      else next.delete(name);
      this._openGroups = next;
    },
    toggle: (facet, key) => {
      const list = this._query[facet];
      this._patch({ [facet]: list.includes(key) ? list.filter((k) => k !== key) : [...list, key] });
    },
    flip: (flag) => this._patch({ [flag]: !this._query[flag] }),
    clear: () => this._clearFilters(),
  };

  /**
   * Public mode opens the common groups so inwoners see their options; professional mode keeps
   * them all folded so a GP sees results first, mid-consult.
   */
  private _defaultOpenGroups(): Set<string> {
    return new Set(this.mode === 'professional' ? [] : ['category', 'day', 'partOfDay', 'other']);
  }

  private _clearFilters(): void {
    this._patch({ need: [], category: [], day: [], partOfDay: [], audience: [], free: false, wheelchair: false, online: false });
  }

  private readonly _placeActions: PlaceActions = {
    draft: (text) => {
      this._postcodeDraft = text;
    },
    commit: () => this._commitPostcode(),
    radius: (km) => {
      this.radius = km;
    },
  };

  private _commitPostcode(): void {
    const draft = this._postcodeDraft;
    if (draft === null) return;
    if (draft.trim() === '') {
      this.postcode = '';
      this._postcodeError = false;
      return;
    }
    const pc = normalizePostcode(draft);
    if (!pc) {
      this._postcodeError = true;
      return;
    }
    this._postcodeError = false;
    this._patch({ near: '', postcode: pc });
    this._postcodeDraft = null;
  }

  private _open(id: string, returnFocusTo: string | null): void {
    this._returnFocusTo = returnFocusTo;
    this._selectedId = id;
    this._combobox.close();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.back')?.focus());
  }

  private _closeDetail(): void {
    const back = this._returnFocusTo;
    this._selectedId = null;
    void this.updateComplete.then(() => {
      const target = back ? this.renderRoot.querySelector<HTMLElement>(`[data-card-title="${CSS.escape(back)}"]`) : null;
      (target ?? this.renderRoot.querySelector<HTMLElement>('input[type="search"]'))?.focus();
    });
  }

  /** The "Gezocht op" chip was removed: the same text again, without understanding. */
  private _removeUnderstood(labels: string[]): void {
    this._patch({ understand: false });
    this._notice = this._t.understoodRemoved(labels.join(', '));
    // The chip's button is gone: focus goes back to where the GP types.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('input[type="search"]')?.focus());
  }

  private _retry(): void {
    this._skipDebounce = true;
    void this._search.run();
  }

  // ---------- render ----------

  protected override render(): TemplateResult {
    const t = this._t;
    const view = this._view;
    const detailOpen = this._selectedId !== null;
    const list = this._listState;
    const understood = understoodLabels(view, this._lastResponse);
    const place = { uid: this._uid, postcode: this.postcode, draft: this._postcodeDraft, invalid: this._postcodeError, radius: this.radius };
    return html`
      <section part="base" class="finder" aria-label=${t.finderLabel}>
        <div class="controls" ?hidden=${detailOpen}>${this._combobox.render(t)} ${renderPlace(t, place, this._placeActions)} ${renderViewSwitch(t, this.view, (v) => (this.view = v))}</div>
        <div class="filters" part="filters" ?hidden=${detailOpen}>${renderFilters(view, this._filterActions, this._lastResponse, this.query)}</div>
        <p class="status" part="status" role="status" aria-live="polite" ?hidden=${detailOpen}>${this._notice} ${statusText(t, list)}</p>
        ${detailOpen || !this._query.understand ? nothing : renderUnderstood(view, understood, () => this._removeUnderstood(understood))}
        <div class="body ${this.view === 'map' ? 'view-map' : 'view-list'}" ?hidden=${detailOpen}>
          <div class="list-panel">${renderResultList(view, list, this._listActions)}</div>
          ${this._maps.render(t)}
        </div>
        ${detailOpen
          ? renderDetail(view, this._detail, {
              titleId: `${this._uid}-detail-title`,
              lang: this._lang,
              back: () => this._closeDetail(),
              referral: renderReferralButton(this, this._selectedActivity),
            })
          : nothing}
      </section>
    `;
  }

  private get _listState(): ResultListState {
    const status = this._search.status;
    return {
      response: this._lastResponse,
      pending: status === TaskStatus.PENDING,
      failed: status === TaskStatus.ERROR,
      error: this._search.error,
      hasFilters: hasFilters(this.query),
      highlightId: this._highlightId,
    };
  }

  private readonly _listActions: ResultListActions = {
    open: (id) => this._open(id, id),
    highlight: (id) => {
      this._highlightId = id;
    },
    page: (page) => this._patch({ page }),
    clearFilters: () => this._clearFilters(),
    retry: () => this._retry(),
  };
}

/** The properties that mirror a field of the query (attributes a host sets and reads back). */
const REFLECTED = ['q', 'need', 'category', 'postcode', 'near', 'radius', 'perPage'] as const;
