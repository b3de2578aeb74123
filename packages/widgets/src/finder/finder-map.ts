/**
 * The Leaflet map of the finder. This module is only imported (a separate chunk)
 * when a map is shown, so the list view never downloads Leaflet. Every result is on it:
 * pins that sit close together at the current zoom are one cluster (supercluster), a
 * focusable button that zooms in on them.
 */
import { css, unsafeCSS } from 'lit';
import leafletCss from 'leaflet/dist/leaflet.css?inline';
import { divIcon, map as createMap, marker as createMarker, tileLayer, latLngBounds, type Map as LeafletMap, type Marker } from 'leaflet/dist/leaflet-src.esm.js';
import Supercluster from 'supercluster';

export { fetchAllHits } from './map-points.js';

export const PDOK_TILE_URL = 'https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png';
export const PDOK_ATTRIBUTION = 'Kaartgegevens &copy; <a href="https://www.kadaster.nl">Kadaster</a> (PDOK)';
/** Pins closer than this at the current zoom become one cluster (supercluster's units: 1/512 of a tile, so about 24 px). */
const CLUSTER_RADIUS = 48;
/** Two or three pins that touch stay pins (each one named and reachable); from four on they are a cluster. */
const CLUSTER_MIN_POINTS = 4;
/** From this zoom on every pin stands alone (same-address activities are spread by the list, not the map). */
const CLUSTER_MAX_ZOOM = 17;

/** Leaflet's own CSS plus our markers, adopted into the finder's shadow root. */
export const mapStyles = [
  unsafeCSS(leafletCss),
  css`
    .leaflet-container {
      font: inherit;
      font-size: 0.875rem;
    }
    .sk-marker {
      color: var(--_sk-color-primary);
      background: none;
      border: none;
    }
    .sk-marker svg {
      display: block;
      width: 100%;
      height: 100%;
      filter: drop-shadow(0 1px 1px rgb(0 0 0 / 0.4));
    }
    .sk-marker.is-active {
      color: var(--_sk-color-highlight-marker, #b3261e);
      transform-origin: bottom center;
    }
    .sk-marker.is-active svg {
      transform: scale(1.25);
      transform-origin: 50% 100%;
    }
    .sk-marker:focus-visible {
      outline: 3px solid var(--_sk-color-focus);
      outline-offset: 2px;
    }
    .sk-cluster {
      display: flex;
      align-items: center;
      justify-content: center;
      border-radius: 50%;
      background: var(--_sk-color-primary);
      color: var(--_sk-color-on-primary);
      border: 3px solid #ffffff;
      box-shadow: 0 1px 3px rgb(0 0 0 / 0.5);
      font-weight: 700;
      cursor: pointer;
    }
    .sk-cluster:focus-visible {
      outline: 3px solid var(--_sk-color-focus);
      outline-offset: 2px;
    }
    .sk-center {
      color: var(--_sk-color-text);
      background: none;
      border: none;
    }
    /* Leaflet takes the underline off; a link inside a line of text must not rely on colour alone (WCAG 1.4.1). */
    .leaflet-control-attribution a {
      color: #00467d;
      text-decoration: underline;
    }
  `,
];

export interface MapPoint {
  id: string;
  title: string;
  geo: { lat: number; lng: number } | null;
}

export interface ActivityMapOptions {
  tileUrl: string;
  /** HTML for the attribution control (ours or escaped host text). */
  attribution: string;
  searchedPointLabel: string;
  mapLabel: string;
  /** The accessible name of a cluster of `n` activities ("12 activiteiten hier, inzoomen"). */
  clusterLabel: (n: number) => string;
  /** Markers open an activity; false for the single pin in the detail view. */
  interactive: boolean;
  onSelect?: (id: string) => void;
  onHighlight?: (id: string | null) => void;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A pin drawn with SVG presentation attributes only: no inline styles, so a strict CSP is fine. */
function pinElement(kind: 'activity' | 'center'): HTMLElement {
  const wrap = document.createElement('span');
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 28 36');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  if (kind === 'activity') {
    const pin = document.createElementNS(SVG_NS, 'path');
    pin.setAttribute('d', 'M14 1C7 1 1.5 6.4 1.5 13.2 1.5 22.5 14 35 14 35s12.5-12.5 12.5-21.8C26.5 6.4 21 1 14 1z');
    pin.setAttribute('fill', 'currentColor');
    pin.setAttribute('stroke', '#ffffff');
    pin.setAttribute('stroke-width', '2');
    const dot = document.createElementNS(SVG_NS, 'circle');
    dot.setAttribute('cx', '14');
    dot.setAttribute('cy', '13');
    dot.setAttribute('r', '4.5');
    dot.setAttribute('fill', '#ffffff');
    svg.append(pin, dot);
  } else {
    const outer = document.createElementNS(SVG_NS, 'circle');
    outer.setAttribute('cx', '14');
    outer.setAttribute('cy', '18');
    outer.setAttribute('r', '9');
    outer.setAttribute('fill', '#ffffff');
    outer.setAttribute('stroke', 'currentColor');
    outer.setAttribute('stroke-width', '4');
    const inner = document.createElementNS(SVG_NS, 'circle');
    inner.setAttribute('cx', '14');
    inner.setAttribute('cy', '18');
    inner.setAttribute('r', '3');
    inner.setAttribute('fill', 'currentColor');
    svg.append(outer, inner);
  }
  wrap.append(svg);
  return wrap;
}

type LocatedPoint = MapPoint & { geo: { lat: number; lng: number } };

/** A Leaflet map of activities, clustered, with list ↔ map highlight hooks. */
export class ActivityMap {
  private readonly map: LeafletMap;
  /** The markers on the map now: single activities by id, clusters by `cluster:<id>`. */
  private readonly markers = new Map<string, Marker>();
  private index: Supercluster<{ id: string; title: string }> | null = null;
  private center: Marker | null = null;
  private readonly resizeObserver: ResizeObserver;
  private activeId: string | null = null;

  constructor(
    private readonly container: HTMLElement,
    private readonly options: ActivityMapOptions,
  ) {
    this.map = createMap(container, {
      center: [52.09, 5.12],
      zoom: 12,
      zoomControl: true,
      scrollWheelZoom: false,
      keyboard: options.interactive,
      dragging: true,
      attributionControl: true,
      // No zoom/fade transitions: they outlive a hidden or removed map and are noise for reduced-motion users.
      zoomAnimation: false,
      fadeAnimation: false,
      markerZoomAnimation: false,
    });
    this.map.attributionControl.setPrefix(false);
    tileLayer(options.tileUrl, { attribution: options.attribution, maxZoom: 19, minZoom: 6, crossOrigin: true }).addTo(this.map);
    container.setAttribute('role', 'region');
    container.setAttribute('aria-label', options.mapLabel);
    // Hidden → shown (view switch, detail closed) leaves Leaflet with a stale size.
    this.resizeObserver = new ResizeObserver(() => this.map.invalidateSize());
    this.resizeObserver.observe(container);
    this.map.on('moveend', () => this.renderClusters());
  }

  /** Replaces the points (all of them are placed). Returns how many were placed and how many had no place. */
  setPoints(points: MapPoint[], center: { lat: number; lng: number } | null): { shown: number; withoutGeo: number } {
    this.center?.remove();
    this.center = null;
    const located = points.filter((p): p is LocatedPoint => !!p.geo);
    this.index = new Supercluster<{ id: string; title: string }>({ radius: CLUSTER_RADIUS, maxZoom: CLUSTER_MAX_ZOOM, minPoints: CLUSTER_MIN_POINTS });
    this.index.load(
      located.map((p) => ({ type: 'Feature', properties: { id: p.id, title: p.title }, geometry: { type: 'Point', coordinates: [p.geo.lng, p.geo.lat] } })),
    );
    if (center) {
      this.center = createMarker([center.lat, center.lng], {
        icon: divIcon({ html: pinElement('center'), className: 'sk-center', iconSize: [28, 36], iconAnchor: [14, 18] }),
        title: this.options.searchedPointLabel,
        keyboard: false,
        interactive: false,
        zIndexOffset: -100,
      }).addTo(this.map);
      const el = this.center.getElement();
      el?.setAttribute('role', 'img');
      el?.setAttribute('aria-label', this.options.searchedPointLabel);
      el?.classList.add('sk-searched-point');
    }
    const latLngs = located.map((p) => [p.geo.lat, p.geo.lng] as [number, number]);
    if (center) latLngs.push([center.lat, center.lng]);
    // Every move ends in renderClusters; a view that does not change still needs one.
    if (latLngs.length === 1) this.map.setView(latLngs[0]!, 15, { animate: false });
    else if (latLngs.length > 1) this.map.fitBounds(latLngBounds(latLngs), { padding: [32, 32], maxZoom: 15, animate: false });
    this.renderClusters();
    return { shown: located.length, withoutGeo: points.length - located.length };
  }

  /** Places the clusters and single pins of the current view (a little beyond it, so panning shows no gaps). */
  private renderClusters(): void {
    for (const m of this.markers.values()) m.remove();
    this.markers.clear();
    if (!this.index) return;
    const b = this.map.getBounds().pad(0.25);
    const zoom = Math.round(this.map.getZoom());
    for (const f of this.index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom)) {
      const [lng, lat] = f.geometry.coordinates as [number, number];
      if ('cluster' in f.properties && f.properties.cluster) this.addCluster(f.properties.cluster_id, f.properties.point_count, lat, lng);
      else this.addPin(f.properties as { id: string; title: string }, lat, lng);
    }
    this.highlight(this.activeId);
  }

  private addPin(p: { id: string; title: string }, lat: number, lng: number): void {
    const m = createMarker([lat, lng], {
      icon: divIcon({ html: pinElement('activity'), className: 'sk-marker', iconSize: [28, 36], iconAnchor: [14, 35] }),
      title: p.title,
      keyboard: this.options.interactive,
      interactive: this.options.interactive,
      riseOnHover: true,
    }).addTo(this.map);
    const el = m.getElement();
    if (el) {
      el.dataset['id'] = p.id;
      if (this.options.interactive) {
        el.setAttribute('aria-label', p.title);
        onActivate(el, () => this.options.onSelect?.(p.id));
        el.addEventListener('focus', () => this.options.onHighlight?.(p.id));
        el.addEventListener('blur', () => this.options.onHighlight?.(null));
      } else {
        el.setAttribute('aria-hidden', 'true');
      }
    }
    if (this.options.interactive) {
      m.on('click', () => this.options.onSelect?.(p.id));
      m.on('mouseover', () => this.options.onHighlight?.(p.id));
      m.on('mouseout', () => this.options.onHighlight?.(null));
    }
    this.markers.set(p.id, m);
  }

  private addCluster(clusterId: number, count: number, lat: number, lng: number): void {
    const size = count < 10 ? 34 : count < 100 ? 40 : 48;
    const label = document.createElement('span');
    label.textContent = String(count);
    label.setAttribute('aria-hidden', 'true');
    const m = createMarker([lat, lng], {
      icon: divIcon({ html: label, className: 'sk-cluster', iconSize: [size, size] }),
      keyboard: true,
      riseOnHover: true,
    }).addTo(this.map);
    const el = m.getElement();
    if (el) {
      el.dataset['count'] = String(count);
      el.setAttribute('aria-label', this.options.clusterLabel(count));
      onActivate(el, () => this.zoomInto(clusterId, lat, lng));
    }
    m.on('click', () => this.zoomInto(clusterId, lat, lng));
    this.markers.set(`cluster:${clusterId}`, m);
  }

  /** Zooms in until the cluster falls apart; keyboard focus moves to its first activity (or what holds it now). */
  private zoomInto(clusterId: number, lat: number, lng: number): void {
    if (!this.index) return;
    const first = this.index.getLeaves(clusterId, 1)[0]?.properties.id;
    const root = this.container.getRootNode() as Document | ShadowRoot;
    const hadFocus = !!root.activeElement && this.container.contains(root.activeElement);
    this.map.setView([lat, lng], Math.min(this.index.getClusterExpansionZoom(clusterId), CLUSTER_MAX_ZOOM + 1), { animate: false });
    if (!hadFocus) return;
    const target = (first && this.markers.get(first)?.getElement()) || this.markers.values().next().value?.getElement() || this.container;
    target.focus();
  }

  /** Marks one marker as the one the list is pointing at (or none). */
  highlight(id: string | null): void {
    this.activeId = id;
    for (const [key, m] of this.markers) {
      const active = key === id;
      m.getElement()?.classList.toggle('is-active', active);
      m.setZIndexOffset(active ? 1000 : 0);
    }
  }

  get leaflet(): LeafletMap {
    return this.map;
  }

  destroy(): void {
    this.resizeObserver.disconnect();
    this.map.stop();
    this.map.remove();
    this.markers.clear();
    this.index = null;
  }
}

/** Enter and Space activate a marker as a click does. */
function onActivate(el: HTMLElement, activate: () => void): void {
  el.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      activate();
    }
  });
}
