/**
 * The finder's maps as a reactive controller: the results map of the map view and the single
 * pin of the detail view. It loads the map chunk (Leaflet) only when a map is shown, adopts
 * Leaflet's CSS into the shadow root once, builds each map on its element after render,
 * keeps the markers in step with the results and removes the maps when the finder leaves
 * the page (Lit may still update a disconnected element: maps are built only while connected).
 * The results map shows every result of the search, not only the page the list shows: it
 * fetches the other pages itself (map-points.ts, in the map chunk), and the map clusters them.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ActivityResponse, SearchHit, SearchResponse } from '../internal/api-client.js';
import type { Translation } from '../internal/i18n.js';
import type { ActivityMap } from './finder-map.js';

type MapModule = typeof import('./finder-map.js');

export type MapState = 'idle' | 'loading' | 'ready' | 'error';

/** What the controller needs from the finder. */
export interface MapHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly view: 'list' | 'map';
  readonly api: string;
  readonly tileUrl: string;
  readonly tileAttribution: string;
}

export interface MapCallbacks {
  translation(): Translation;
  /** A marker was activated. */
  select(id: string): void;
  /** A marker was hovered or focused (null: left). */
  highlight(id: string | null): void;
}

function escapeText(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export class FinderMapController implements ReactiveController {
  /** The results map: shown as loading, failed or ready. */
  state: MapState = 'idle';
  /** Why some results are not on the map (capped, online or without an address). */
  note = '';

  private module: Promise<MapModule> | null = null;
  private results: ActivityMap | null = null;
  private detail: ActivityMap | null = null;
  private detailFor: string | null = null;
  private detailPending: string | null = null;
  private stylesAdopted = false;
  private lastResponse: SearchResponse | null = null;
  /** The search of lastResponse (its query string), for fetching the other pages. */
  private lastParams = '';
  /** Every hit of the last search (up to MAP_MAX_RESULTS), once fetched, and for which search. */
  private points: { params: string; hits: SearchHit[] } | null = null;
  private pointsAbort: AbortController | null = null;

  constructor(
    private readonly host: MapHost,
    private readonly callbacks: MapCallbacks,
  ) {
    host.addController(this);
  }

  /** The map panel of the map view; it stays (hidden) after switching back to the list, so the map is kept. */
  render(t: Translation): TemplateResult | typeof nothing {
    if (this.host.view !== 'map' && !this.results) return nothing;
    return html`<div class="map-panel" ?hidden=${this.host.view !== 'map'}>
      <div class="map" part="map"></div>
      ${this.state === 'loading' ? html`<p class="map-note">${t.mapLoading}</p>` : nothing}
      ${this.state === 'error' ? html`<p class="map-note" role="alert">${t.mapError}</p>` : nothing}
      ${this.note ? html`<p class="map-note">${this.note}</p>` : nothing}
    </div>`;
  }

  hostConnected(): void {
    // Re-attached after a move: the maps were removed on disconnect and are rebuilt after render.
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.pointsAbort?.abort();
    this.results?.destroy();
    this.results = null;
    this.clearDetail();
    if (this.state === 'ready') this.state = 'idle';
  }

  /** The host's `view` changed: switching to the map again after a failed load tries once more. */
  viewChanged(): void {
    if (this.host.view === 'map' && this.state === 'error') this.state = 'idle';
  }

  hostUpdated(): void {
    if (this.host.isConnected && this.host.view === 'map' && !this.results && this.state === 'idle') void this.syncResults();
  }

  /** New results of the search `params` (a query string): the markers follow (and the map is built if the map view shows). */
  showResults(res: SearchResponse, params: string): void {
    this.lastResponse = res;
    this.lastParams = params;
    void this.syncResults();
  }

  highlight(id: string | null): void {
    this.results?.highlight(id);
  }

  /** The detail view shows this activity (null: closed); its pin map follows. */
  showDetail(activity: ActivityResponse | null): void {
    if (!activity) {
      this.clearDetail();
      return;
    }
    if (!this.host.isConnected || !activity._geo || this.detailFor === activity.id || this.detailPending === activity.id) return;
    this.detailPending = activity.id;
    void this.createDetail(activity, activity._geo).finally(() => {
      this.detailPending = null;
    });
  }

  private clearDetail(): void {
    this.detail?.destroy();
    this.detail = null;
    this.detailFor = null;
  }

  private load(): Promise<MapModule> {
    this.module ??= import('./finder-map.js');
    return this.module;
  }

  private adoptStyles(mod: MapModule): void {
    const root = this.host.shadowRoot;
    if (this.stylesAdopted || !root) return;
    const sheets = mod.mapStyles.map((s) => s.styleSheet).filter((s): s is CSSStyleSheet => !!s);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...sheets];
    this.stylesAdopted = true;
  }

  private options(mod: MapModule, interactive: boolean) {
    const { tileUrl, tileAttribution } = this.host;
    const t = this.callbacks.translation();
    return {
      tileUrl: tileUrl || mod.PDOK_TILE_URL,
      // Leaflet renders attribution as HTML: a host's own text is escaped first.
      attribution: tileAttribution ? escapeText(tileAttribution) : tileUrl ? '' : mod.PDOK_ATTRIBUTION,
      searchedPointLabel: t.searchedPoint,
      mapLabel: t.mapLabel,
      clusterLabel: t.clusterLabel,
      interactive,
      onSelect: (id: string) => this.callbacks.select(id),
      onHighlight: (id: string | null) => this.callbacks.highlight(id),
    };
  }

  private setState(state: MapState): void {
    this.state = state;
    this.host.requestUpdate();
  }

  /** Creates the results map on first show, then keeps its markers in step with the results. */
  private async syncResults(): Promise<void> {
    const host = this.host;
    if (!host.isConnected || (host.view !== 'map' && !this.results)) return;
    if (!this.results) {
      if (this.state === 'loading') return;
      this.setState('loading');
      let mod: MapModule;
      try {
        mod = await this.load();
      } catch {
        this.module = null;
        this.setState('error');
        return;
      }
      await host.updateComplete;
      const el = host.renderRoot.querySelector<HTMLElement>('.map');
      if (!el || !host.isConnected || this.results) {
        this.setState(this.results ? 'ready' : 'idle');
        return;
      }
      this.adoptStyles(mod);
      this.results = new mod.ActivityMap(el, this.options(mod, true));
      this.setState('ready');
    }
    const res = this.lastResponse;
    if (!res) return;
    const hits = await this.allHits(await this.load(), res, this.lastParams);
    if (!hits || !this.results || res !== this.lastResponse) return;
    const { shown, withoutGeo } = this.results.setPoints(hits, res.center);
    const t = this.callbacks.translation();
    const notes = [];
    if (hits.length < res.total) notes.push(t.markersCapped(shown, res.total));
    if (withoutGeo > 0) notes.push(t.notOnMap(withoutGeo));
    this.note = notes.join(' ');
    host.requestUpdate();
  }

  /** Every hit of the search (cached per search); null when a newer search cut it short, the page alone when a fetch failed. */
  private async allHits(mod: MapModule, res: SearchResponse, params: string): Promise<SearchHit[] | null> {
    if (this.points?.params === params) return this.points.hits;
    this.pointsAbort?.abort();
    const abort = new AbortController();
    this.pointsAbort = abort;
    try {
      const hits = await mod.fetchAllHits(this.host.api, params, res, abort.signal);
      this.points = { params, hits };
      return hits;
    } catch {
      return abort.signal.aborted ? null : res.hits;
    }
  }

  private async createDetail(activity: ActivityResponse, geo: { lat: number; lng: number }): Promise<void> {
    let mod: MapModule;
    try {
      mod = await this.load();
    } catch {
      return;
    }
    await this.host.updateComplete;
    const el = this.host.renderRoot.querySelector<HTMLElement>('.detail-map');
    if (!el || !this.host.isConnected || el.dataset['id'] !== activity.id) return;
    this.adoptStyles(mod);
    this.detail?.destroy();
    this.detail = new mod.ActivityMap(el, this.options(mod, false));
    this.detail.setPoints([{ id: activity.id, title: activity.title, geo }], null);
    this.detailFor = activity.id;
  }
}
