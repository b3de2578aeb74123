/**
 * The Leaflet map of the finder. This module is only imported (a separate chunk)
 * when a map is shown, so the list view never downloads Leaflet.
 */
import { css, unsafeCSS } from 'lit';
import leafletCss from 'leaflet/dist/leaflet.css?inline';
import { divIcon, map as createMap, marker as createMarker, tileLayer, latLngBounds, type Map as LeafletMap, type Marker } from 'leaflet/dist/leaflet-src.esm.js';

export const PDOK_TILE_URL = 'https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png';
export const PDOK_ATTRIBUTION = 'Kaartgegevens &copy; <a href="https://www.kadaster.nl">Kadaster</a> (PDOK)';
/** Beyond this many pins a map stops being readable; the list still has them all. */
export const MAX_MARKERS = 100;

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

/** A Leaflet map of activities with list ↔ map highlight hooks. */
export class ActivityMap {
  private readonly map: LeafletMap;
  private readonly markers = new Map<string, Marker>();
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
  }

  /** Replaces the markers. Returns how many were placed and how many had no place. */
  setPoints(points: MapPoint[], center: { lat: number; lng: number } | null): { shown: number; withoutGeo: number } {
    for (const m of this.markers.values()) m.remove();
    this.markers.clear();
    this.center?.remove();
    this.center = null;

    const located = points.filter((p) => p.geo);
    const shown = located.slice(0, MAX_MARKERS);
    for (const p of shown) {
      const m = createMarker([p.geo!.lat, p.geo!.lng], {
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
          el.addEventListener('keydown', (e) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              this.options.onSelect?.(p.id);
            }
          });
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
    const latLngs = shown.map((p) => [p.geo!.lat, p.geo!.lng] as [number, number]);
    if (center) latLngs.push([center.lat, center.lng]);
    if (latLngs.length === 1) this.map.setView(latLngs[0]!, 15, { animate: false });
    else if (latLngs.length > 1) this.map.fitBounds(latLngBounds(latLngs), { padding: [32, 32], maxZoom: 15, animate: false });
    this.highlight(this.activeId);
    return { shown: shown.length, withoutGeo: points.length - located.length };
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
  }
}
