import { css } from 'lit';

export const referralButtonStyles = css`
  :host {
    display: inline-block;
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
