/**
 * The "Gezocht op: …" chip: which needs and categories the search API read out of the typed
 * text (its `understood`), so a GP sees why those activities come first and can undo it.
 * Removing it searches the same text again with understanding off.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { SearchResponse } from '../internal/api-client.js';
import type { FinderView } from './result-card.js';

/** The labels of what the API understood, needs first; empty when it understood nothing. */
export function understoodLabels(view: FinderView, res: SearchResponse | null): string[] {
  const u = res?.understood;
  return u ? [...new Set([...u.need.map((k) => view.label('need', k)), ...u.category.map((k) => view.label('category', k))])] : [];
}

/** The chip: the words "Gezocht op:" and a button named "Verwijder: …" that removes it. */
export function renderUnderstood(view: FinderView, labels: string[], remove: () => void): TemplateResult | typeof nothing {
  if (!labels.length) return nothing;
  const { t } = view;
  const text = labels.join(', ');
  return html`<p class="understood" part="understood">
    ${t.understood}
    <button type="button" class="chip" aria-label=${t.understoodRemove(text)} @click=${remove}>${text} <span aria-hidden="true">✕</span></button>
  </p>`;
}
