import { css } from 'lit';

export const referralStatusStyles = css`
  :host {
    display: block;
  }
  .base {
    display: grid;
    gap: 0.375rem;
  }
  p {
    margin: 0;
  }
  .label {
    font-weight: 600;
  }
  .status {
    display: inline-block;
    padding: 0 0.5rem;
    border-radius: 999px;
    background: var(--_sk-color-badge-background);
    color: var(--_sk-color-badge-text);
  }
  .status[data-status='declined'],
  .status[data-status='delivery_failed'] {
    background: var(--_sk-color-background);
    color: var(--_sk-color-error);
    border: 1px solid var(--_sk-color-error);
  }
  .history {
    margin: 0;
    padding-inline-start: 1.25rem;
    font-size: 0.9375em;
  }
  time {
    color: var(--_sk-color-text-muted);
    font-variant-numeric: tabular-nums;
  }
  .state {
    color: var(--_sk-color-text-muted);
  }
  .state.error {
    color: var(--_sk-color-error);
    font-weight: 600;
  }
`;
