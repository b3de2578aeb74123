import { css } from 'lit';

export const finderStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    container-name: sk-finder;
    background: var(--_sk-color-background);
    --_sk-pad: var(--_sk-space);
    --_sk-control-height: 2.75rem;
    --_sk-map-height: var(--sk-map-height, 28rem);
  }
  :host([mode='professional']) {
    --_sk-font-size: var(--sk-font-size, var(--utrecht-document-font-size, 0.9375rem));
    --_sk-pad: calc(var(--_sk-space) * 0.66);
    --_sk-control-height: 2.25rem;
  }
  :host([mode='public']) {
    --_sk-font-size: var(--sk-font-size, var(--utrecht-document-font-size, 1.0625rem));
  }

  .finder {
    display: grid;
    gap: var(--_sk-pad);
  }

  /* search + place + view */
  .controls {
    display: grid;
    gap: var(--_sk-pad);
    grid-template-columns: minmax(0, 1fr);
    align-items: end;
  }
  @container sk-finder (min-width: 40rem) {
    .controls {
      grid-template-columns: minmax(0, 2fr) minmax(0, 1.2fr) auto;
    }
  }
  label,
  .group-label {
    display: block;
    font-weight: 600;
    margin-block-end: 0.25rem;
  }
  .hint {
    margin: 0.25rem 0 0;
    font-size: 0.875em;
    color: var(--_sk-color-text-muted);
  }
  .field-error {
    margin: 0.25rem 0 0;
    font-size: 0.875em;
    color: var(--_sk-color-error);
    font-weight: 600;
  }
  input[type='search'],
  input[type='text'],
  select {
    inline-size: 100%;
    min-block-size: var(--_sk-control-height);
    padding: 0.25rem 0.625rem;
    border: 2px solid var(--_sk-color-border);
    border-radius: var(--_sk-radius);
    background: var(--_sk-color-background);
  }
  input[aria-invalid='true'] {
    border-color: var(--_sk-color-error);
  }
  .combo {
    position: relative;
  }
  .suggestions {
    position: absolute;
    z-index: 1000;
    inset-inline: 0;
    inset-block-start: calc(100% + 2px);
    margin: 0;
    padding: 0.25rem 0;
    list-style: none;
    background: var(--_sk-color-background);
    border: 2px solid var(--_sk-color-border);
    border-radius: var(--_sk-radius);
    box-shadow: 0 4px 12px rgb(0 0 0 / 0.15);
    max-block-size: 20rem;
    overflow-y: auto;
  }
  .option {
    display: flex;
    gap: 0.5rem;
    align-items: baseline;
    padding: 0.375rem 0.75rem;
    cursor: pointer;
  }
  .option[aria-selected='true'] {
    background: var(--_sk-color-primary);
    color: var(--_sk-color-on-primary);
  }
  .option .kind {
    font-size: 0.8125em;
    color: var(--_sk-color-text-muted);
    min-inline-size: 7.5em;
  }
  .option .detail {
    font-size: 0.875em;
    color: var(--_sk-color-text-muted);
  }
  .option[aria-selected='true'] .kind,
  .option[aria-selected='true'] .detail {
    color: inherit;
  }
  .place {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    gap: 0.5rem;
    margin: 0;
  }
  .place > div {
    min-inline-size: 0;
  }
  .view-switch {
    display: flex;
    gap: 0;
  }
  .view-switch button {
    min-block-size: var(--_sk-control-height);
    padding: 0.25rem 0.875rem;
    border: 2px solid var(--_sk-color-primary);
    background: var(--_sk-color-background);
    color: var(--_sk-color-primary);
    cursor: pointer;
    font-weight: 600;
  }
  .view-switch button:first-child {
    border-radius: var(--_sk-radius) 0 0 var(--_sk-radius);
  }
  .view-switch button:last-child {
    border-radius: 0 var(--_sk-radius) var(--_sk-radius) 0;
    margin-inline-start: -2px;
  }
  .view-switch button[aria-pressed='true'] {
    background: var(--_sk-color-primary);
    color: var(--_sk-color-on-primary);
  }

  /* filters */
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
  }
  .filter-group {
    min-inline-size: 0;
    max-inline-size: 100%;
  }
  .filter-group > summary {
    cursor: pointer;
    font-weight: 600;
    padding-block: 0.25rem;
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
    padding-block: 0.25rem 0.5rem;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    min-block-size: 2rem;
    padding: 0.125rem 0.75rem;
    border: 2px solid var(--_sk-color-primary);
    border-radius: 999px;
    background: var(--_sk-color-background);
    color: var(--_sk-color-primary);
    cursor: pointer;
    font-size: 0.9375em;
    text-align: start;
  }
  .chip[aria-pressed='true'] {
    background: var(--_sk-color-primary);
    color: var(--_sk-color-on-primary);
  }
  .chip[aria-pressed='true']::before {
    content: '✓';
    font-weight: 700;
  }
  .chip .count {
    font-size: 0.8125em;
    font-variant-numeric: tabular-nums;
  }
  .clear {
    align-self: center;
    background: none;
    border: none;
    padding: 0.25rem;
    color: var(--_sk-color-link);
    text-decoration: underline;
    cursor: pointer;
  }

  /* status + results */
  .status {
    margin: 0;
    font-weight: 600;
  }
  .understood {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin: 0;
  }
  .body {
    display: grid;
    gap: var(--_sk-pad);
    grid-template-columns: minmax(0, 1fr);
  }
  .body.view-map .map-panel {
    order: -1;
  }
  @container sk-finder (min-width: 48rem) {
    .body.view-map {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1.2fr);
      align-items: start;
    }
    .body.view-map .map-panel {
      order: 1;
      position: sticky;
      inset-block-start: 0;
    }
  }
  .map {
    block-size: var(--_sk-map-height);
    border: 1px solid var(--_sk-color-border);
    border-radius: var(--_sk-radius);
    background: var(--_sk-color-surface);
    z-index: 0;
  }
  .map-note {
    margin: 0.25rem 0 0;
    font-size: 0.875em;
    color: var(--_sk-color-text-muted);
  }
  .results {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_sk-pad);
  }
  .results[aria-busy='true'] {
    opacity: 0.6;
  }
  .card {
    display: grid;
    gap: 0.25rem;
    padding: var(--_sk-pad);
    border: 1px solid var(--_sk-color-border);
    border-inline-start: 4px solid var(--_sk-color-border);
    border-radius: var(--_sk-radius);
    background: var(--_sk-color-background);
  }
  .card.is-highlighted {
    border-inline-start-color: var(--_sk-color-primary);
    background: var(--_sk-color-surface);
  }
  .card-heading,
  .detail-title {
    margin: 0;
    font-size: 1.125em;
    line-height: 1.3;
  }
  .title-button {
    all: unset;
    cursor: pointer;
    color: var(--_sk-color-link);
    text-decoration: underline;
    text-underline-offset: 0.15em;
    overflow-wrap: anywhere;
  }
  .title-button:focus-visible {
    outline: 3px solid var(--_sk-color-focus);
    outline-offset: 2px;
  }
  .org {
    margin: 0;
    color: var(--_sk-color-text-muted);
  }
  .summary {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: 0.9375em;
  }
  .meta dt {
    font-weight: 600;
    display: inline;
  }
  .meta dd {
    display: inline;
    margin: 0;
  }
  .badges {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .badge {
    display: inline-block;
    padding: 0 0.5rem;
    border-radius: 999px;
    background: var(--_sk-color-badge-background);
    color: var(--_sk-color-badge-text);
    font-size: 0.8125em;
    font-weight: 600;
  }
  .badge.neutral {
    background: var(--_sk-color-surface);
    color: var(--_sk-color-text);
  }
  .contact {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    margin: 0;
    padding: 0;
    list-style: none;
    overflow-wrap: anywhere;
  }
  mark {
    background: var(--_sk-color-highlight);
    color: inherit;
    padding: 0 0.05em;
  }

  /* states */
  .state {
    padding: calc(var(--_sk-pad) * 1.5);
    border-radius: var(--_sk-radius);
    background: var(--_sk-color-surface);
  }
  .state-title {
    margin: 0 0 0.25rem;
    font-size: 1.0625em;
  }
  .state p {
    margin: 0 0 0.5rem;
  }
  .state.error {
    border-inline-start: 4px solid var(--_sk-color-error);
  }
  .skeleton {
    block-size: 6rem;
    border-radius: var(--_sk-radius);
    background: var(--_sk-color-surface);
  }
  .pagination {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    flex-wrap: wrap;
  }

  /* detail */
  .detail {
    display: grid;
    gap: var(--_sk-pad);
  }
  .section-title {
    margin: 0 0 0.25rem;
    font-size: 1em;
  }
  .detail section p,
  .detail section ul {
    margin: 0;
  }
  .detail section ul {
    padding-inline-start: 1.25rem;
  }
  .description {
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
  .detail-map {
    block-size: 14rem;
    margin-block-start: 0.5rem;
    border: 1px solid var(--_sk-color-border);
    border-radius: var(--_sk-radius);
    z-index: 0;
  }
  .back {
    justify-self: start;
  }
  .referral:empty {
    display: none;
  }
  @media (prefers-reduced-motion: no-preference) {
    .card {
      transition: background-color 0.15s ease;
    }
  }
  @media (forced-colors: active) {
    .chip[aria-pressed='true'],
    .view-switch button[aria-pressed='true'] {
      border-width: 4px;
    }
  }
`;
