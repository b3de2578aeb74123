/**
 * The finder's "where" fields: a Dutch postcode (explained when it is not one) and the
 * distance around it (taken on Enter or when the field is left), and the list/map toggle beside them.
 */
import { html, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { DEFAULT_RADIUS_KM } from '@sociale-kaart/schema';
import type { Translation } from '../internal/i18n.js';

const RADIUS_CHOICES = [1, 2, 5, 10, 25, 50];

export interface PlaceState {
  uid: string;
  /** The postcode searched around. */
  postcode: string;
  /** What is typed and not yet taken (null: nothing). */
  draft: string | null;
  invalid: boolean;
  radius: number | null;
}

export interface PlaceActions {
  draft(text: string): void;
  commit(): void;
  radius(km: number): void;
}

export function renderPlace(t: Translation, s: PlaceState, actions: PlaceActions): TemplateResult {
  const id = s.uid;
  // Without a radius the API searches DEFAULT_RADIUS_KM around the place: show that one as chosen.
  const radius = s.radius ?? DEFAULT_RADIUS_KM;
  const choices = RADIUS_CHOICES.includes(radius) ? RADIUS_CHOICES : [...RADIUS_CHOICES, radius].sort((a, b) => a - b);
  const describedBy = s.invalid ? `${id}-pc-error` : `${id}-pc-hint`;
  return html`
    <form
      class="place"
      part="place"
      novalidate
      @submit=${(e: Event) => {
        e.preventDefault();
        actions.commit();
      }}
    >
      <div>
        <label for="${id}-pc">${t.postcodeLabel}</label>
        <input
          id="${id}-pc"
          part="postcode-input"
          type="text"
          inputmode="text"
          autocomplete="postal-code"
          maxlength="7"
          aria-invalid=${s.invalid ? 'true' : 'false'}
          aria-describedby=${describedBy}
          .value=${live(s.draft ?? s.postcode)}
          @input=${(e: Event) => actions.draft((e.target as HTMLInputElement).value)}
          @change=${() => actions.commit()}
        />
        ${s.invalid ? html`<p id="${id}-pc-error" class="field-error">${t.postcodeInvalid}</p>` : html`<p id="${id}-pc-hint" class="hint">${t.postcodeHint}</p>`}
      </div>
      <div>
        <label for="${id}-radius">${t.radiusLabel}</label>
        <select id="${id}-radius" part="radius-select" @change=${(e: Event) => actions.radius(Number((e.target as HTMLSelectElement).value))}>
          ${choices.map((km) => html`<option value=${km} ?selected=${radius === km}>${t.radiusKm(km)}</option>`)}
        </select>
      </div>
    </form>
  `;
}

/** The list/map toggle: two pressed-state buttons. */
export function renderViewSwitch(t: Translation, view: 'list' | 'map', set: (view: 'list' | 'map') => void): TemplateResult {
  return html`
    <div class="view-switch" part="view-switch" role="group" aria-label=${t.view}>
      <button type="button" aria-pressed=${view === 'list' ? 'true' : 'false'} @click=${() => set('list')}>${t.viewList}</button>
      <button type="button" aria-pressed=${view === 'map' ? 'true' : 'false'} @click=${() => set('map')}>${t.viewMap}</button>
    </div>
  `;
}
