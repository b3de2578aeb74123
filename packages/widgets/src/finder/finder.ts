import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { Task, TaskStatus } from '@lit/task';
import { ApiClient, ApiError, isAbort, wait, type ActivityResponse, type SearchHit, type SearchResponse, type SuggestResponse } from '../internal/api-client.js';
import { emit, type SkSearchDetail, type SkSelectDetail } from '../internal/events.js';
import { formatDistance, formatNextSession, formatSchedule, formatDate } from '../internal/format.js';
import { renderHighlight, stripHighlight } from '../internal/highlight.js';
import { resolveLang, translationFor, type Lang, type Translation } from '../internal/i18n.js';
import { hasFilters, normalisePostcode, normaliseQuery, toSearchParams, type FinderQuery } from '../internal/query.js';
import { mailHref, safeHref, telHref } from '../internal/safe-url.js';
import type { ReferralPatient, ReferralReferrer } from '../internal/referral.js';
import { baseStyles, buttonStyles, themeTokens } from '../internal/theme.js';
import { finderStyles } from './finder.styles.js';
import type { ActivityMap } from './finder-map.js';
import { optionalText } from '../internal/converters.js';

type MapModule = typeof import('./finder-map.js');

/** Debounce for search-as-you-type: long enough to skip most keystrokes, short enough to feel instant. */
const DEBOUNCE_MS = 150;
const DAY_ORDER = ['ma', 'di', 'wo', 'do', 'vr', 'za', 'zo'];
const PART_OF_DAY_ORDER = ['ochtend', 'middag', 'avond'];
const RADIUS_CHOICES = [1, 2, 5, 10, 25, 50];
/** The search API's radius when a place is given without one; shown as the selected choice. */
const DEFAULT_RADIUS_KM = 10;

type FilterGroup = 'need' | 'category' | 'day' | 'partOfDay' | 'audience';
type Option = { kind: 'need' | 'category' | 'activity'; key: string; label: string };

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
 * @slot referral - Shown in the detail view under the activity. Without slotted content, `mode="professional"` shows an `<sk-referral-button>` there for activities that accept Welzijn op Recept.
 *
 * @csspart base - The whole finder.
 * @csspart search - The search field block (label, input, suggestions).
 * @csspart search-input - The search input.
 * @csspart suggestions - The type-ahead list.
 * @csspart place - The postcode and distance fields.
 * @csspart postcode-input - The postcode input.
 * @csspart view-switch - The list/map toggle.
 * @csspart filters - The filter groups.
 * @csspart chip - Every filter chip.
 * @csspart chip-pressed - A filter chip that is on.
 * @csspart status - The live result count.
 * @csspart results - The result list.
 * @csspart card - A result card.
 * @csspart card-title - The title button of a card.
 * @csspart badge - A badge (Welzijn op Recept, gratis, …).
 * @csspart state - The empty, loading and error panels.
 * @csspart button - Buttons (retry, pagination, back).
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

  /** Search text. */
  @property({ reflect: true, converter: optionalText }) q = '';

  /** Referral need keys (e.g. `eenzaamheid`), comma-separated. */
  @property({ reflect: true, converter: optionalText }) need = '';

  /** Category keys (e.g. `exercise`), comma-separated. */
  @property({ reflect: true, converter: optionalText }) category = '';

  /** Dutch postcode to search around: `3511AB`, `3511 AB` or `3511`. */
  @property({ reflect: true, converter: optionalText }) postcode = '';

  /** A point to search around as `lat,lng`; wins over `postcode`. */
  @property({ reflect: true, converter: optionalText }) near = '';

  /** Radius in km around the postcode or point. */
  @property({ type: Number, reflect: true }) radius: number | null = null;

  /** Interface language: `nl` (default) or `en`; without it the page's language is used. */
  @property({ reflect: true, converter: optionalText }) override lang = '';

  /** `professional` (compact, keyboard-first, intake info) or `public` (larger, plain text). */
  @property({ reflect: true }) mode: 'professional' | 'public' = 'public';

  /** `list` or `map`. */
  @property({ reflect: true }) view: 'list' | 'map' = 'list';

  /** Results per page (1–50). */
  @property({ type: Number, reflect: true, attribute: 'per-page' }) perPage = 10;

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

  @state() private _day: string[] = [];
  @state() private _partOfDay: string[] = [];
  @state() private _audience: string[] = [];
  @state() private _free = false;
  @state() private _wheelchair = false;
  @state() private _online = false;
  @state() private _page = 1;
  @state() private _selectedId: string | null = null;
  @state() private _comboOpen = false;
  @state() private _activeOption = -1;
  @state() private _postcodeDraft: string | null = null;
  @state() private _postcodeError = false;
  @state() private _highlightId: string | null = null;
  /** Filter groups the user opened or closed; null until then, and the mode decides (see _isGroupOpen). */
  @state() private _openGroups: Set<string> | null = null;
  @state() private _mapState: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  @state() private _mapNote = '';

  private readonly _uid = `sk${++instances}`;
  private _lastResponse: SearchResponse | null = null;
  private _lastRunQ: string | null = null;
  private _skipDebounce = false;
  private _labels = new Map<string, string>();
  private _labelsLang: Lang | null = null;
  private _returnFocusTo: string | null = null;
  private _mapModule: Promise<MapModule> | null = null;
  private _map: ActivityMap | null = null;
  private _detailMap: ActivityMap | null = null;
  private _detailMapFor: string | null = null;
  private _mapStylesAdopted = false;

  private readonly _search = new Task(this, {
    args: () => [this.api, toSearchParams(this.query, this._lang).toString(), this.query.q] as const,
    task: async ([api, params, q], { signal }) => {
      const client = new ApiClient(api);
      if (!api) throw new ApiError('config', 0, null, 'no api');
      // Typing waits a moment (aborted by the next keystroke); filters and Enter do not.
      const typing = this._lastRunQ !== null && q !== this._lastRunQ && !this._skipDebounce;
      this._skipDebounce = false;
      if (typing) await wait(DEBOUNCE_MS, signal);
      this._lastRunQ = q;
      return client.search(new URLSearchParams(params), signal);
    },
    onComplete: (res) => {
      this._lastResponse = res;
      this._rememberLabels(res);
      // `need` may be a Dutch word (need="eenzaam"); the API answers with the key it resolved
      // it to. Adopt the keys so the need chip shows as selected, with its label.
      const echoed = (res.query as { need?: unknown }).need;
      if (Array.isArray(echoed) && echoed.every((k) => typeof k === 'string')) {
        const keys = (echoed as string[]).join(',');
        if (keys !== this.need && splitList(this.need).length > 0) this.need = keys;
      }
      emit<SkSearchDetail>(this, 'sk-search', { query: this.query, total: res.total });
      void this._syncMap();
    },
  });

  private readonly _suggest = new Task(this, {
    args: () => [this.api, this._comboOpen ? this.q.trim() : '', this._lang] as const,
    task: async ([api, q, lang], { signal }) => {
      if (!api || q.length < 2) return null;
      await wait(DEBOUNCE_MS, signal);
      return new ApiClient(api).suggest(q, lang, signal);
    },
    onComplete: () => {
      this._activeOption = -1;
    },
  });

  private readonly _detail = new Task(this, {
    args: () => [this.api, this._selectedId, this._lang] as const,
    task: async ([api, id, lang], { signal }) => {
      if (!id) return null;
      return new ApiClient(api).activity(id, lang, signal);
    },
    onComplete: (activity) => {
      if (!activity) return;
      emit<SkSelectDetail>(this, 'sk-select', { id: activity.id, activity });
    },
  });

  /**
   * The whole search state as one normalised object (also the `detail.query` of
   * `sk-search`). Assign a stored one to restore a search.
   */
  get query(): FinderQuery {
    return normaliseQuery({
      q: this.q,
      need: this.need,
      category: this.category,
      day: this._day,
      partOfDay: this._partOfDay,
      audience: this._audience,
      free: this._free,
      wheelchair: this._wheelchair,
      online: this._online,
      postcode: this.postcode,
      near: this.near,
      radius: this.radius,
      page: this._page,
      perPage: this.perPage,
    });
  }

  set query(value: Partial<FinderQuery>) {
    const n = normaliseQuery(value ?? {});
    this.q = n.q;
    this.need = n.need.join(',');
    this.category = n.category.join(',');
    this._day = n.day;
    this._partOfDay = n.partOfDay;
    this._audience = n.audience;
    this._free = n.free;
    this._wheelchair = n.wheelchair;
    this._online = n.online;
    this.postcode = n.postcode;
    this.near = n.near;
    this.radius = n.radius;
    this.perPage = n.perPage;
    this._restorePage = n.page;
  }

  private _restorePage: number | null = null;

  private get _lang(): Lang {
    return resolveLang(this);
  }

  private get _t(): Translation {
    return translationFor(this._lang);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Re-attached after a move: the map was removed on disconnect and is rebuilt.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._map?.destroy();
    this._map = null;
    this._detailMap?.destroy();
    this._detailMap = null;
    this._detailMapFor = null;
    if (this._mapState === 'ready') this._mapState = 'idle';
  }

  protected override willUpdate(changed: PropertyValues): void {
    const queryKeys = ['q', 'need', 'category', 'postcode', 'near', 'radius', 'perPage', '_day', '_partOfDay', '_audience', '_free', '_wheelchair', '_online'];
    if (queryKeys.some((k) => changed.has(k))) this._page = 1;
    if (this._restorePage !== null) {
      this._page = this._restorePage;
      this._restorePage = null;
    }
    if (changed.has('postcode')) {
      this._postcodeDraft = null;
      this._postcodeError = false;
    }
    // Switching to the map again after a failed load tries once more.
    if (changed.has('view') && this.view === 'map' && this._mapState === 'error') this._mapState = 'idle';
    if (changed.has('_selectedId') && this._selectedId === null) {
      this._detailMap?.destroy();
      this._detailMap = null;
      this._detailMapFor = null;
    }
  }

  protected override updated(changed: PropertyValues): void {
    // Lit also updates disconnected elements: maps are only built while in the page
    // (and built again here after a reconnect, as disconnect removed them).
    if (this.isConnected) {
      if (this.view === 'map' && !this._map && this._mapState === 'idle') void this._syncMap();
      const activity = this._selectedId ? (this._detail.value as ActivityResponse | null | undefined) : null;
      if (activity && activity.id === this._selectedId && this._detailMapFor !== activity.id) void this._syncDetailMap(activity);
    }
    if (changed.has('_highlightId')) this._map?.highlight(this._highlightId);
  }

  // ---------- map ----------

  private _loadMapModule(): Promise<MapModule> {
    this._mapModule ??= import('./finder-map.js');
    return this._mapModule;
  }

  private async _ensureMapStyles(mod: MapModule): Promise<void> {
    if (this._mapStylesAdopted || !this.shadowRoot) return;
    const sheets = mod.mapStyles.map((s) => s.styleSheet).filter((s): s is CSSStyleSheet => !!s);
    this.shadowRoot.adoptedStyleSheets = [...this.shadowRoot.adoptedStyleSheets, ...sheets];
    this._mapStylesAdopted = true;
  }

  private _mapOptions(mod: MapModule, interactive: boolean) {
    const attribution = this.tileAttribution ? escapeText(this.tileAttribution) : this.tileUrl ? '' : mod.PDOK_ATTRIBUTION;
    return {
      tileUrl: this.tileUrl || mod.PDOK_TILE_URL,
      attribution,
      searchedPointLabel: this._t.searchedPoint,
      mapLabel: this._t.mapLabel,
      interactive,
      onSelect: (id: string) => this._open(id, null),
      onHighlight: (id: string | null) => {
        this._highlightId = id;
      },
    };
  }

  /** Creates the map on first show, then keeps its markers in step with the results. */
  private async _syncMap(): Promise<void> {
    if (!this.isConnected || (this.view !== 'map' && !this._map)) return;
    if (!this._map) {
      if (this._mapState === 'loading') return;
      this._mapState = 'loading';
      let mod: MapModule;
      try {
        mod = await this._loadMapModule();
      } catch {
        this._mapModule = null;
        this._mapState = 'error';
        return;
      }
      await this.updateComplete;
      const el = this.renderRoot.querySelector<HTMLElement>('.map');
      if (!el || !this.isConnected || this._map) {
        this._mapState = this._map ? 'ready' : 'idle';
        return;
      }
      await this._ensureMapStyles(mod);
      this._map = new mod.ActivityMap(el, this._mapOptions(mod, true));
      this._mapState = 'ready';
    }
    const res = this._lastResponse;
    if (!res) return;
    const { shown, withoutGeo } = this._map.setPoints(res.hits, res.center);
    const located = res.hits.length - withoutGeo;
    const notes = [];
    if (shown < located) notes.push(this._t.markersCapped(shown, located));
    if (withoutGeo > 0) notes.push(this._t.notOnMap(withoutGeo));
    this._mapNote = notes.join(' ');
  }

  private _detailMapPending: string | null = null;

  private async _syncDetailMap(activity: ActivityResponse): Promise<void> {
    if (!activity._geo || this._detailMapFor === activity.id || this._detailMapPending === activity.id) return;
    this._detailMapPending = activity.id;
    try {
      await this._createDetailMap(activity, activity._geo);
    } finally {
      this._detailMapPending = null;
    }
  }

  private async _createDetailMap(activity: ActivityResponse, geo: { lat: number; lng: number }): Promise<void> {
    let mod: MapModule;
    try {
      mod = await this._loadMapModule();
    } catch {
      return;
    }
    await this.updateComplete;
    const el = this.renderRoot.querySelector<HTMLElement>('.detail-map');
    if (!el || !this.isConnected || this._selectedId !== activity.id) return;
    await this._ensureMapStyles(mod);
    this._detailMap?.destroy();
    this._detailMap = new mod.ActivityMap(el, this._mapOptions(mod, false));
    this._detailMap.setPoints([{ id: activity.id, title: activity.title, geo }], null);
    this._detailMapFor = activity.id;
  }

  // ---------- labels ----------

  private _rememberLabels(res: SearchResponse): void {
    if (this._labelsLang !== this._lang) {
      this._labels.clear();
      this._labelsLang = this._lang;
    }
    for (const [group, items] of Object.entries(res.facets)) for (const f of items) this._labels.set(`${group}:${f.key}`, f.label);
    for (const h of res.hits) {
      for (const c of h.categories) this._labels.set(`category:${c.key}`, c.label);
      for (const n of h.needs) this._labels.set(`need:${n.key}`, n.label);
    }
  }

  private _label(group: string, key: string): string {
    return this._labels.get(`${group}:${key}`) ?? key.replaceAll('_', ' ');
  }

  // ---------- interaction ----------

  private get _options(): Option[] {
    const s = this._suggest.value as SuggestResponse | null | undefined;
    if (!s || !this._comboOpen) return [];
    return [
      ...s.needs.map((n) => ({ kind: 'need' as const, key: n.key, label: n.label })),
      ...s.categories.map((c) => ({ kind: 'category' as const, key: c.key, label: c.label })),
      ...s.activities.map((a) => ({ kind: 'activity' as const, key: a.id, label: a.title })),
    ];
  }

  private _onInput(e: InputEvent): void {
    this.q = (e.target as HTMLInputElement).value;
    this._comboOpen = true;
    this._activeOption = -1;
  }

  private _onSearchKeydown(e: KeyboardEvent): void {
    const options = this._options;
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        this._comboOpen = true;
        if (options.length) this._activeOption = (this._activeOption + 1) % options.length;
        break;
      case 'ArrowUp':
        e.preventDefault();
        if (options.length) this._activeOption = this._activeOption <= 0 ? options.length - 1 : this._activeOption - 1;
        break;
      case 'Enter': {
        e.preventDefault();
        const chosen = options[this._activeOption];
        if (chosen) this._choose(chosen);
        else {
          this._comboOpen = false;
          this._skipDebounce = true;
          void this._search.run();
        }
        break;
      }
      case 'Escape':
        if (this._comboOpen && options.length) {
          e.preventDefault();
          this._comboOpen = false;
          this._activeOption = -1;
        }
        break;
      case 'Tab':
        this._comboOpen = false;
        break;
    }
  }

  private _choose(option: Option): void {
    this._comboOpen = false;
    this._activeOption = -1;
    if (option.kind === 'activity') {
      this._open(option.key, null);
      return;
    }
    this._labels.set(`${option.kind}:${option.key}`, option.label);
    const current = option.kind === 'need' ? this.need : this.category;
    const next = [...new Set([...splitList(current), option.key])].join(',');
    this._skipDebounce = true;
    this.q = '';
    if (option.kind === 'need') this.need = next;
    else this.category = next;
  }

  private _toggle(group: FilterGroup, key: string): void {
    const flip = (list: string[]) => (list.includes(key) ? list.filter((k) => k !== key) : [...list, key]);
    if (group === 'need') this.need = flip(splitList(this.need)).join(',');
    else if (group === 'category') this.category = flip(splitList(this.category)).join(',');
    else if (group === 'day') this._day = flip(this._day);
    else if (group === 'partOfDay') this._partOfDay = flip(this._partOfDay);
    else this._audience = flip(this._audience);
  }

  private _clearFilters(): void {
    this.need = '';
    this.category = '';
    this._day = [];
    this._partOfDay = [];
    this._audience = [];
    this._free = false;
    this._wheelchair = false;
    this._online = false;
  }

  private _onPostcodeSubmit(e: Event): void {
    e.preventDefault();
    this._commitPostcode();
  }

  private _commitPostcode(): void {
    const draft = this._postcodeDraft;
    if (draft === null) return;
    if (draft.trim() === '') {
      this.postcode = '';
      this._postcodeError = false;
      return;
    }
    const pc = normalisePostcode(draft);
    if (!pc) {
      this._postcodeError = true;
      return;
    }
    this._postcodeError = false;
    this.near = '';
    this.postcode = pc;
    this._postcodeDraft = null;
  }

  private _onRadius(e: Event): void {
    this.radius = Number((e.target as HTMLSelectElement).value);
  }

  private _setView(view: 'list' | 'map'): void {
    this.view = view;
  }

  private _open(id: string, returnFocusTo: string | null): void {
    this._returnFocusTo = returnFocusTo;
    this._selectedId = id;
    this._comboOpen = false;
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

  private _retry(): void {
    this._skipDebounce = true;
    void this._search.run();
  }

  // ---------- render ----------

  protected override render(): TemplateResult {
    const t = this._t;
    const detailOpen = this._selectedId !== null;
    return html`
      <section part="base" class="finder" aria-label=${t.finderLabel}>
        <div class="controls" ?hidden=${detailOpen}>${this._renderSearch(t)} ${this._renderPlace(t)} ${this._renderViewSwitch(t)}</div>
        <div class="filters" part="filters" ?hidden=${detailOpen}>${this._renderFilters(t)}</div>
        <p class="status" part="status" role="status" aria-live="polite" ?hidden=${detailOpen}>${this._statusText(t)}</p>
        <div class="body ${this.view === 'map' ? 'view-map' : 'view-list'}" ?hidden=${detailOpen}>
          <div class="list-panel">${this._renderResults(t)}</div>
          ${this.view === 'map' || this._map ? this._renderMapPanel(t) : nothing}
        </div>
        ${detailOpen ? this._renderDetail(t) : nothing}
      </section>
    `;
  }

  private _renderSearch(t: Translation): TemplateResult {
    const options = this._options;
    const open = this._comboOpen && options.length > 0;
    const id = this._uid;
    const active = open && this._activeOption >= 0 ? `${id}-opt-${this._activeOption}` : undefined;
    const kindLabel = { need: t.suggestGroupNeeds, category: t.suggestGroupCategories, activity: t.suggestGroupActivities };
    return html`
      <div class="search" part="search">
        <label for="${id}-q">${t.searchLabel}</label>
        <div class="combo">
          <input
            id="${id}-q"
            part="search-input"
            type="search"
            role="combobox"
            autocomplete="off"
            spellcheck="false"
            aria-autocomplete="list"
            aria-expanded=${open ? 'true' : 'false'}
            aria-controls="${id}-suggestions"
            aria-activedescendant=${active ?? nothing}
            aria-describedby="${id}-hint"
            placeholder=${t.searchPlaceholder}
            .value=${live(this.q)}
            @input=${this._onInput}
            @keydown=${this._onSearchKeydown}
            @blur=${() => (this._comboOpen = false)}
          />
          <ul id="${id}-suggestions" class="suggestions" part="suggestions" role="listbox" aria-label=${t.suggestions} ?hidden=${!open}>
            ${open
              ? options.map(
                  (o, i) => html`<li
                    id="${id}-opt-${i}"
                    class="option"
                    role="option"
                    aria-selected=${i === this._activeOption ? 'true' : 'false'}
                    data-kind=${o.kind}
                    @mousedown=${(e: Event) => e.preventDefault()}
                    @click=${() => this._choose(o)}
                  >
                    <span class="kind">${kindLabel[o.kind]}</span><span class="label">${o.label}</span>
                  </li>`,
                )
              : nothing}
          </ul>
        </div>
        <p id="${id}-hint" class="hint">${t.searchHint}</p>
      </div>
    `;
  }

  private _renderPlace(t: Translation): TemplateResult {
    const id = this._uid;
    const radius = this.radius ?? DEFAULT_RADIUS_KM;
    const choices = RADIUS_CHOICES.includes(radius) ? RADIUS_CHOICES : [...RADIUS_CHOICES, radius].sort((a, b) => a - b);
    const describedBy = this._postcodeError ? `${id}-pc-error` : `${id}-pc-hint`;
    return html`
      <form class="place" part="place" @submit=${this._onPostcodeSubmit} novalidate>
        <div>
          <label for="${id}-pc">${t.postcodeLabel}</label>
          <input
            id="${id}-pc"
            part="postcode-input"
            type="text"
            inputmode="text"
            autocomplete="postal-code"
            maxlength="7"
            aria-invalid=${this._postcodeError ? 'true' : 'false'}
            aria-describedby=${describedBy}
            .value=${live(this._postcodeDraft ?? this.postcode)}
            @input=${(e: Event) => (this._postcodeDraft = (e.target as HTMLInputElement).value)}
            @change=${() => this._commitPostcode()}
          />
          ${this._postcodeError
            ? html`<p id="${id}-pc-error" class="field-error">${t.postcodeInvalid}</p>`
            : html`<p id="${id}-pc-hint" class="hint">${t.postcodeHint}</p>`}
        </div>
        <div>
          <label for="${id}-radius">${t.radiusLabel}</label>
          <select id="${id}-radius" part="radius-select" @change=${this._onRadius}>
            ${choices.map((km) => html`<option value=${km} ?selected=${radius === km}>${t.radiusKm(km)}</option>`)}
          </select>
        </div>
      </form>
    `;
  }

  private _renderViewSwitch(t: Translation): TemplateResult {
    return html`
      <div class="view-switch" part="view-switch" role="group" aria-label=${t.view}>
        <button type="button" aria-pressed=${this.view === 'list' ? 'true' : 'false'} @click=${() => this._setView('list')}>${t.viewList}</button>
        <button type="button" aria-pressed=${this.view === 'map' ? 'true' : 'false'} @click=${() => this._setView('map')}>${t.viewMap}</button>
      </div>
    `;
  }

  private _renderFilters(t: Translation) {
    const res = this._lastResponse;
    const query = this.query;
    const facet = (name: keyof SearchResponse['facets']) => new Map((res?.facets[name] ?? []).map((f) => [f.key, f.count]));
    const group = (name: FilterGroup, facetName: keyof SearchResponse['facets'], selected: string[], order?: string[]) => {
      const counts = facet(facetName);
      let keys = [...new Set([...counts.keys(), ...selected])];
      // A stable order (week order, else by label): chips must not jump around when counts change.
      if (order) keys = order.filter((k) => keys.includes(k));
      else keys.sort((a, b) => this._label(facetName, a).localeCompare(this._label(facetName, b), t.locale));
      if (!keys.length) return nothing;
      // Keyed, so a focused chip keeps its DOM node (and focus) when the list changes.
      const chips = repeat(keys, (key) => key, (key) => this._chip(name, key, this._label(facetName, key), counts.get(key), selected.includes(key), t));
      return this._group(name, t.filterGroups[name], selected.length, chips);
    };
    const freeCount = facet('free').get('true');
    const other = [
      this._flagChip('free', t.free, freeCount, this._free, () => (this._free = !this._free), t),
      this._flagChip('wheelchair', t.wheelchair, undefined, this._wheelchair, () => (this._wheelchair = !this._wheelchair), t),
      this._flagChip('online', t.online, undefined, this._online, () => (this._online = !this._online), t),
    ];
    const selectedOther = [this._free, this._wheelchair, this._online].filter(Boolean).length;
    return html`
      ${group('category', 'category', query.category)} ${group('need', 'need', query.need)}
      ${group('day', 'day', query.day, DAY_ORDER)} ${group('partOfDay', 'partOfDay', query.partOfDay, PART_OF_DAY_ORDER)}
      ${group('audience', 'audience', query.audience)} ${this._group('other', t.filterGroups.other, selectedOther, other)}
      ${hasFilters(query) ? html`<button type="button" class="clear" part="clear-filters" @click=${this._clearFilters}>${t.clearFilters}</button>` : nothing}
    `;
  }

  /**
   * Public mode opens the common groups so inwoners see their options; professional mode keeps
   * them all folded so a GP sees results first, mid-consult.
   */
  private _defaultOpenGroups(): Set<string> {
    return new Set(this.mode === 'professional' ? [] : ['category', 'day', 'partOfDay', 'other']);
  }

  private _isGroupOpen(name: string): boolean {
    return (this._openGroups ?? this._defaultOpenGroups()).has(name);
  }

  private _group(name: string, label: string, selectedCount: number, chips: unknown) {
    // Professional mode keeps even a group with a selection folded (its summary shows the count).
    const open = this._isGroupOpen(name) || (selectedCount > 0 && this.mode !== 'professional');
    return html`
      <details
        class="filter-group"
        part="filter-group"
        data-group=${name}
        ?open=${open}
        @toggle=${(e: Event) => {
          const next = new Set(this._openGroups ?? this._defaultOpenGroups());
          if ((e.target as HTMLDetailsElement).open) next.add(name);
          else next.delete(name);
          this._openGroups = next;
        }}
      >
        <summary>${label}${selectedCount ? ` (${selectedCount})` : ''}</summary>
        <div class="chips" role="group" aria-label=${label}>${chips}</div>
      </details>
    `;
  }

  private _chip(group: FilterGroup, key: string, label: string, count: number | undefined, pressed: boolean, t: Translation) {
    return html`<button
      type="button"
      class="chip"
      part=${pressed ? 'chip chip-pressed' : 'chip'}
      data-group=${group}
      data-key=${key}
      aria-pressed=${pressed ? 'true' : 'false'}
      @click=${() => this._toggle(group, key)}
    >
      <span>${label}</span>${count !== undefined
        ? html`<span class="count" aria-hidden="true">${count}</span><span class="sr-only">, ${t.facetCount(count)}</span>`
        : nothing}
    </button>`;
  }

  private _flagChip(key: string, label: string, count: number | undefined, pressed: boolean, onClick: () => void, t: Translation) {
    return html`<button
      type="button"
      class="chip"
      part=${pressed ? 'chip chip-pressed' : 'chip'}
      data-group="other"
      data-key=${key}
      aria-pressed=${pressed ? 'true' : 'false'}
      @click=${onClick}
    >
      <span>${label}</span>${count !== undefined
        ? html`<span class="count" aria-hidden="true">${count}</span><span class="sr-only">, ${t.facetCount(count)}</span>`
        : nothing}
    </button>`;
  }

  private _statusText(t: Translation): string {
    const s = this._search.status;
    if (s === TaskStatus.ERROR) return t.errorTitle;
    if (!this._lastResponse) return s === TaskStatus.PENDING ? t.loading : '';
    return t.resultCount(this._lastResponse.total, this._lastResponse.totalIsEstimate);
  }

  private _renderResults(t: Translation) {
    const status = this._search.status;
    if (status === TaskStatus.ERROR) return this._renderError(t, this._search.error);
    const res = this._lastResponse;
    if (!res) {
      return html`<div class="state loading" part="state" aria-hidden="true">
        <p>${t.loading}</p>
        <div class="skeleton"></div>
      </div>`;
    }
    const busy = status === TaskStatus.PENDING;
    if (res.hits.length === 0) {
      return html`<div class="state empty" part="state" aria-busy=${busy ? 'true' : 'false'}>
        <h3>${t.emptyTitle}</h3>
        <p>${t.emptyBody}</p>
        ${hasFilters(this.query) ? html`<button type="button" class="button secondary" part="button" @click=${this._clearFilters}>${t.clearFilters}</button>` : nothing}
      </div>`;
    }
    const pages = Math.max(1, Math.ceil(res.total / Math.max(1, res.perPage)));
    return html`
      <ol class="results" part="results" aria-busy=${busy ? 'true' : 'false'} aria-label=${t.resultCount(res.total, res.totalIsEstimate)}>
        ${repeat(res.hits, (hit) => hit.id, (hit) => html`<li>${this._renderCard(hit, t)}</li>`)}
      </ol>
      ${pages > 1
        ? html`<nav class="pagination" aria-label=${t.pagination}>
            <button type="button" class="button secondary" part="button" ?disabled=${res.page <= 1} @click=${() => (this._page = res.page - 1)}>${t.previous}</button>
            <span>${t.page(res.page, pages)}</span>
            <button type="button" class="button secondary" part="button" ?disabled=${res.page >= pages} @click=${() => (this._page = res.page + 1)}>${t.next}</button>
          </nav>`
        : nothing}
    `;
  }

  private _renderCard(hit: SearchHit, t: Translation): TemplateResult {
    const next = formatNextSession(hit.nextSession, t);
    const distance = formatDistance(hit.distanceKm, t);
    const title = stripHighlight(hit.highlight?.title || hit.title);
    const highlighted = this._highlightId === hit.id;
    return html`
      <article
        class="card ${highlighted ? 'is-highlighted' : ''}"
        part=${highlighted ? 'card card-highlighted' : 'card'}
        data-id=${hit.id}
        @mouseenter=${() => (this._highlightId = hit.id)}
        @mouseleave=${() => (this._highlightId = null)}
        @focusin=${() => (this._highlightId = hit.id)}
        @focusout=${() => (this._highlightId = null)}
      >
        <h3>
          <button type="button" class="title-button" part="card-title" data-card-title=${hit.id} aria-label=${t.showDetails(title)} @click=${() => this._open(hit.id, hit.id)}>
            ${renderHighlight(hit.highlight?.title || hit.title)}
          </button>
        </h3>
        <p class="org">${hit.organization.name}</p>
        ${this._renderBadges(hit, t)}
        ${hit.summary ? html`<p class="summary">${renderHighlight(hit.highlight?.summary || hit.summary)}</p>` : nothing}
        <dl class="meta">
          ${distance ? html`<div><dt class="sr-only">${t.radiusLabel}</dt><dd>${distance}</dd></div>` : nothing}
          ${next ? html`<div><dt>${t.nextSession}:</dt> <dd>${next}</dd></div>` : nothing}
          ${hit.schedule ? html`<div><dt class="sr-only">${t.when}</dt><dd>${hit.schedule}</dd></div>` : nothing}
          <div><dt class="sr-only">${t.cost}</dt><dd>${hit.free ? t.free : hit.costDescription || t.costUnknown}</dd></div>
        </dl>
        ${this._renderContact(hit.contact, t)}
      </article>
    `;
  }

  private _renderBadges(a: { acceptsWelzijnOpRecept: boolean; isWelzijnscoach: boolean; referralRequired: boolean; free: boolean; online: boolean; wheelchairAccessible: boolean | null }, t: Translation) {
    const badges: TemplateResult[] = [];
    if (a.acceptsWelzijnOpRecept) badges.push(html`<li class="badge wor" part="badge">${t.welzijnOpRecept}</li>`);
    if (a.isWelzijnscoach) badges.push(html`<li class="badge" part="badge">${t.welzijnscoach}</li>`);
    if (a.free) badges.push(html`<li class="badge neutral" part="badge">${t.free}</li>`);
    if (a.online) badges.push(html`<li class="badge neutral" part="badge">${t.online}</li>`);
    if (a.wheelchairAccessible) badges.push(html`<li class="badge neutral" part="badge">${t.wheelchair}</li>`);
    if (this.mode === 'professional' && a.referralRequired) badges.push(html`<li class="badge neutral" part="badge">${t.referralRequired}</li>`);
    return badges.length ? html`<ul class="badges">${badges}</ul>` : nothing;
  }

  private _renderContact(c: { phone: string | null; email: string | null; url: string | null }, t: Translation) {
    const items: TemplateResult[] = [];
    const tel = telHref(c.phone);
    if (c.phone) items.push(tel ? html`<li><a href=${tel}>${t.phone}: ${c.phone}</a></li>` : html`<li>${t.phone}: ${c.phone}</li>`);
    const mail = mailHref(c.email);
    if (c.email) items.push(mail ? html`<li><a href=${mail}>${c.email}</a></li>` : html`<li>${c.email}</li>`);
    const web = safeHref(c.url);
    if (c.url) items.push(web ? html`<li><a href=${web} target="_blank" rel="noopener noreferrer">${t.website}<span class="sr-only"> (${displayUrl(web)})</span></a></li>` : html`<li class="unsafe-url">${c.url}</li>`);
    return items.length ? html`<ul class="contact" aria-label=${t.contact}>${items}</ul>` : nothing;
  }

  private _renderError(t: Translation, error: unknown): TemplateResult {
    let message = t.errorNetwork;
    let retry = true;
    if (error instanceof ApiError) {
      if (error.kind === 'config') {
        message = t.errorNoApi;
        retry = false;
      } else if (error.kind === 'http') {
        message = error.status >= 400 && error.status < 500 ? t.errorBadRequest : t.errorServer(error.status);
      }
    } else if (isAbort(error)) {
      message = t.errorNetwork;
    }
    return html`<div class="state error" part="state" role="alert">
      <h3>${t.errorTitle}</h3>
      <p>${message}</p>
      ${retry ? html`<button type="button" class="button retry" part="button" @click=${this._retry}>${t.retry}</button>` : nothing}
    </div>`;
  }

  private _renderMapPanel(t: Translation): TemplateResult {
    return html`<div class="map-panel" ?hidden=${this.view !== 'map'}>
      <div class="map" part="map"></div>
      ${this._mapState === 'loading' ? html`<p class="map-note">${t.mapLoading}</p>` : nothing}
      ${this._mapState === 'error' ? html`<p class="map-note" role="alert">${t.mapError}</p>` : nothing}
      ${this._mapNote ? html`<p class="map-note">${this._mapNote}</p>` : nothing}
    </div>`;
  }

  private _renderDetail(t: Translation): TemplateResult {
    return html`
      <article class="detail" part="detail" aria-labelledby="${this._uid}-detail-title">
        <button type="button" class="button secondary back" part="button back-button" @click=${this._closeDetail}>← ${t.back}</button>
        ${this._detail.render({
          pending: () => html`<p class="state" part="state" id="${this._uid}-detail-title">${t.detailLoading}</p>`,
          error: () =>
            html`<div class="state error" part="state" role="alert">
              <h2 id="${this._uid}-detail-title">${t.detailError}</h2>
              <button type="button" class="button retry" part="button" @click=${() => void this._detail.run()}>${t.retry}</button>
            </div>`,
          complete: (a) => (a ? this._renderActivity(a, t) : nothing),
        })}
        <div class="referral" part="referral"><slot name="referral">${this._renderReferralButton()}</slot></div>
      </article>
    `;
  }

  /** The built-in referral button (slot fallback: a host's own slotted button replaces it). */
  private _renderReferralButton(): TemplateResult | typeof nothing {
    const a = this._selectedId ? (this._detail.value as ActivityResponse | null | undefined) : null;
    if (this.mode !== 'professional' || !a || a.id !== this._selectedId || !a.acceptsWelzijnOpRecept) return nothing;
    // Registered on first need: the finder's first render does not wait for it.
    if (!customElements.get('sk-referral-button')) void import('../referral-button/define.js');
    return html`<sk-referral-button
      api=${this.api}
      activity-id=${a.id}
      need=${this.need || nothing}
      lang=${this.lang || nothing}
      .patient=${this.patient}
      .referrer=${this.referrer}
    ></sk-referral-button>`;
  }

  private _renderActivity(a: ActivityResponse, t: Translation): TemplateResult {
    const next = formatNextSession(a.nextSession, t);
    const loc = a.location;
    const address = loc ? [loc.name, loc.street, [loc.postcode, loc.city].filter(Boolean).join(' ')].filter(Boolean) : [];
    const checked = formatDate(a.assuredDate, t);
    const intakeUrl = safeHref(a.intake?.url);
    const intakeMail = mailHref(a.intake?.email);
    return html`
      <h2 id="${this._uid}-detail-title">${a.title}</h2>
      <p class="org">${a.organization.name}</p>
      ${this._renderBadges({ ...a, wheelchairAccessible: a.wheelchairAccessible ?? null }, t)}
      <section>
        <h3>${t.about}</h3>
        <p class="description">${a.description || a.summary}</p>
      </section>
      <section>
        <h3>${t.when}</h3>
        ${next ? html`<p><strong>${t.nextSession}:</strong> ${next}</p>` : nothing}
        ${a.schedules.length
          ? html`<ul class="schedules">
              ${a.schedules.map((s) => html`<li>${formatSchedule(s, t)}${s.description ? html` — ${s.description}` : nothing}</li>`)}
            </ul>`
          : a.scheduleText
            ? html`<p>${a.scheduleText}</p>`
            : nothing}
      </section>
      <section>
        <h3>${t.where}</h3>
        ${address.length ? html`<p>${address.map((line, i) => html`${i ? html`<br />` : nothing}${line}`)}</p>` : nothing}
        ${a.online ? html`<p>${t.online}</p>` : nothing}
        ${a._geo ? html`<div class="detail-map" part="detail-map"></div>` : nothing}
      </section>
      ${a.audience.length
        ? html`<section>
            <h3>${t.forWhom}</h3>
            <p>${a.audience.map((k) => this._label('audience', k)).join(', ')}</p>
          </section>`
        : nothing}
      ${a.wheelchairAccessible || a.accessibilityNotes
        ? html`<section>
            <h3>${t.accessibility}</h3>
            ${a.wheelchairAccessible ? html`<p>${t.wheelchair}</p>` : nothing} ${a.accessibilityNotes ? html`<p>${a.accessibilityNotes}</p>` : nothing}
          </section>`
        : nothing}
      <section>
        <h3>${t.contact}</h3>
        ${this._renderContact({ phone: a.phone, email: a.email, url: a.url }, t)}
      </section>
      ${this.mode === 'professional' && (intakeUrl || intakeMail || a.referralRequired)
        ? html`<section>
            <h3>${t.intake}</h3>
            ${a.referralRequired ? html`<p>${t.referralRequired}</p>` : nothing}
            <ul class="contact">
              ${intakeUrl ? html`<li><a href=${intakeUrl} target="_blank" rel="noopener noreferrer">${t.intakeForm}</a></li>` : nothing}
              ${intakeMail ? html`<li><a href=${intakeMail}>${t.intakeEmail}</a></li>` : nothing}
            </ul>
          </section>`
        : nothing}
      ${checked ? html`<p class="hint">${t.lastChecked}: ${checked}</p>` : nothing}
    `;
  }
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function escapeText(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function displayUrl(href: string): string {
  try {
    return new URL(href).host;
  } catch {
    return href;
  }
}
