/**
 * The finder's list panel in each of its states: loading (a skeleton), the result cards with
 * pagination, empty (with "clear filters" when filters are on) and error (with a retry unless
 * the finder is set up wrong). The previous answer stays visible, marked busy, while a new
 * search runs, so the list does not flash.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { ApiError, type SearchResponse } from '../internal/api-client.js';
import { heading } from '../internal/heading.js';
import type { Translation } from '../internal/i18n.js';
import { renderCard, type FinderView } from './result-card.js';

export interface ResultListState {
  response: SearchResponse | null;
  pending: boolean;
  /** Set when the last search failed. */
  error: unknown;
  failed: boolean;
  hasFilters: boolean;
  highlightId: string | null;
}

export interface ResultListActions {
  open(id: string): void;
  highlight(id: string | null): void;
  page(page: number): void;
  clearFilters(): void;
  retry(): void;
}

/** The live status line: the result count, or what is going on. */
export function statusText(t: Translation, s: ResultListState): string {
  if (s.failed) return t.errorTitle;
  if (!s.response) return s.pending ? t.loading : '';
  return t.resultCount(s.response.total, s.response.totalIsEstimate);
}

function renderError(view: FinderView, error: unknown, retry: () => void): TemplateResult {
  const { t } = view;
  let message = t.errorNetwork;
  let canRetry = true;
  if (error instanceof ApiError && error.kind === 'config') {
    message = t.errorNoApi;
    canRetry = false;
  } else if (error instanceof ApiError && error.kind === 'http') {
    message = error.status >= 400 && error.status < 500 ? t.errorBadRequest : t.errorServer(error.status);
  }
  return html`<div class="state error" part="state" role="alert">
    ${heading(view.headingLevel, t.errorTitle, { class: 'state-title' })}
    <p>${message}</p>
    ${canRetry ? html`<button type="button" class="button retry" part="button" @click=${retry}>${t.retry}</button>` : nothing}
  </div>`;
}

export function renderResultList(view: FinderView, s: ResultListState, actions: ResultListActions): TemplateResult {
  const { t } = view;
  if (s.failed) return renderError(view, s.error, actions.retry);
  const res = s.response;
  if (!res) {
    return html`<div class="state loading" part="state" aria-hidden="true">
      <p>${t.loading}</p>
      <div class="skeleton"></div>
    </div>`;
  }
  const busy = s.pending ? 'true' : 'false';
  if (res.hits.length === 0) {
    return html`<div class="state empty" part="state" aria-busy=${busy}>
      ${heading(view.headingLevel, t.emptyTitle, { class: 'state-title' })}
      <p>${t.emptyBody}</p>
      ${s.hasFilters ? html`<button type="button" class="button secondary" part="button" @click=${actions.clearFilters}>${t.clearFilters}</button>` : nothing}
    </div>`;
  }
  const pages = Math.max(1, Math.ceil(res.total / Math.max(1, res.perPage)));
  const cardActions = (id: string) => ({ highlighted: s.highlightId === id, highlight: actions.highlight, open: actions.open });
  return html`
    <ol class="results" part="results" aria-busy=${busy} aria-label=${t.resultCount(res.total, res.totalIsEstimate)}>
      ${repeat(res.hits, (hit) => hit.id, (hit) => html`<li>${renderCard(hit, view, cardActions(hit.id))}</li>`)}
    </ol>
    ${pages > 1
      ? html`<nav class="pagination" aria-label=${t.pagination}>
          <button type="button" class="button secondary" part="button" ?disabled=${res.page <= 1} @click=${() => actions.page(res.page - 1)}>${t.previous}</button>
          <span>${t.page(res.page, pages)}</span>
          <button type="button" class="button secondary" part="button" ?disabled=${res.page >= pages} @click=${() => actions.page(res.page + 1)}>${t.next}</button>
        </nav>`
      : nothing}
  `;
}
