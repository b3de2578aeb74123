/**
 * The finder's filter groups: a `<details>` per facet with toggle chips (keyed, so a focused
 * chip keeps its node and focus when counts change) and the "other" flags. Order is stable
 * (week order for days and parts of the day, else by label): chips must not jump around.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { DAY_KEYS, PARTS_OF_DAY } from '@sociale-kaart/schema';
import type { SearchResponse } from '../internal/api-client.js';
import { hasFilters, type FinderQuery } from '../internal/query.js';
import type { FinderView } from './result-card.js';

/** The list facets of the query, each a filter group of the same name. */
export type ListFacet = 'category' | 'need' | 'day' | 'partOfDay' | 'audience';
/** The yes/no facets, chips of the "other" group. */
export type FlagFacet = 'free' | 'wheelchair' | 'online';

/** Week order of the day and part-of-day chips (the schema's keys, in a module light enough for the CDN entry). */
export const FACET_ORDER: Partial<Record<ListFacet, readonly string[]>> = { day: DAY_KEYS, partOfDay: PARTS_OF_DAY };

export interface FilterActions {
  isOpen(group: string): boolean;
  setOpen(group: string, open: boolean): void;
  toggle(facet: ListFacet, key: string): void;
  flip(flag: FlagFacet): void;
  clear(): void;
}

function chip(view: FinderView, group: string, key: string, label: string, count: number | undefined, pressed: boolean, onClick: () => void) {
  return html`<button
    type="button"
    class="chip"
    part=${pressed ? 'chip chip-pressed' : 'chip'}
    data-group=${group}
    data-key=${key}
    aria-pressed=${pressed ? 'true' : 'false'}
    @click=${onClick}
  >
    <span>${label}</span>${count !== undefined
      ? html`<span class="count" aria-hidden="true">${count}</span><span class="sr-only">, ${view.t.facetCount(count)}</span>`
      : nothing}
  </button>`;
}

function group(view: FinderView, actions: FilterActions, name: string, label: string, selectedCount: number, chips: unknown) {
  // Professional mode keeps even a group with a selection folded (its summary shows the count).
  const open = actions.isOpen(name) || (selectedCount > 0 && view.mode !== 'professional');
  return html`
    <details class="filter-group" part="filter-group" data-group=${name} ?open=${open} @toggle=${(e: Event) => actions.setOpen(name, (e.target as HTMLDetailsElement).open)}>
      <summary>${label}${selectedCount ? ` (${selectedCount})` : ''}</summary>
      <div class="chips" role="group" aria-label=${label}>${chips}</div>
    </details>
  `;
}

function listGroup(view: FinderView, actions: FilterActions, res: SearchResponse | null, query: FinderQuery, name: ListFacet) {
  const counts = new Map((res?.facets[name] ?? []).map((f) => [f.key, f.count]));
  const selected = query[name];
  let keys = [...new Set([...counts.keys(), ...selected])];
  const order = FACET_ORDER[name];
  if (order) keys = order.filter((k) => keys.includes(k));
  else keys.sort((a, b) => view.label(name, a).localeCompare(view.label(name, b), view.t.locale));
  if (!keys.length) return nothing;
  const chips = repeat(
    keys,
    (key) => key,
    (key) => chip(view, name, key, view.label(name, key), counts.get(key), selected.includes(key), () => actions.toggle(name, key)),
  );
  return group(view, actions, name, view.t.filterGroups[name], selected.length, chips);
}

export function renderFilters(view: FinderView, actions: FilterActions, res: SearchResponse | null, query: FinderQuery): TemplateResult {
  const { t } = view;
  const freeCount = new Map((res?.facets.free ?? []).map((f) => [f.key, f.count])).get('true');
  const flags: [FlagFacet, string, number | undefined][] = [
    ['free', t.free, freeCount],
    ['wheelchair', t.wheelchair, undefined],
    ['online', t.online, undefined],
  ];
  const other = flags.map(([flag, label, count]) => chip(view, 'other', flag, label, count, query[flag], () => actions.flip(flag)));
  const selectedOther = flags.filter(([flag]) => query[flag]).length;
  const lists = (['category', 'need', 'day', 'partOfDay', 'audience'] as const).map((name) => listGroup(view, actions, res, query, name));
  return html`
    ${lists} ${group(view, actions, 'other', t.filterGroups.other, selectedOther, other)}
    ${hasFilters(query) ? html`<button type="button" class="clear" part="clear-filters" @click=${() => actions.clear()}>${t.clearFilters}</button>` : nothing}
  `;
}
