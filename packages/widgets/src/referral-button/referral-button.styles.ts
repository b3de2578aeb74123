import { css } from 'lit';

export const referralButtonStyles = css`
  :host {
    display: inline-block;
  }
  .trigger {
    min-block-size: 2.5rem;
    padding: 0.25rem 1rem;
    border: 2px solid var(--_sk-color-primary);
    border-radius: var(--_sk-radius);
    background: var(--_sk-color-primary);
    color: var(--_sk-color-on-primary);
    font-weight: 600;
    cursor: pointer;
  }
  .trigger[aria-busy='true'] {
    cursor: progress;
  }
  .load-error {
    margin: 0.25rem 0 0;
    color: var(--_sk-color-error);
    font-weight: 600;
  }
`;
