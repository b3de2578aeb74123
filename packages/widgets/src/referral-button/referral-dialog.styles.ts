import { css } from 'lit';

/** Styles of the referral dialog; adopted into the button's shadow root when the dialog loads. */
export const referralDialogStyles = css`
  .dialog {
    inline-size: min(var(--sk-dialog-width, 44rem), calc(100vw - 1rem));
    max-inline-size: calc(100vw - 1rem);
    max-block-size: calc(100vh - 1rem);
    overflow: auto;
    padding: 1.25rem 1.5rem;
    border: 1px solid var(--_sk-color-border);
    border-radius: var(--_sk-radius);
    background: var(--_sk-color-background);
    color: var(--_sk-color-text);
    font-family: var(--_sk-font-family);
    font-size: var(--_sk-font-size);
    line-height: 1.5;
    box-shadow: 0 8px 32px rgb(0 0 0 / 0.25);
  }
  .dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  .dialog-title {
    margin: 0 0 0.75rem;
    font-size: 1.25em;
    line-height: 1.3;
  }
  .dialog-title:focus {
    outline: none;
  }
  .dialog-title:focus-visible {
    outline: 3px solid var(--_sk-color-focus);
  }
  h3 {
    margin: 0 0 0.25rem;
    font-size: 1em;
  }
  p {
    margin: 0;
  }
  .form,
  .result {
    display: grid;
    gap: 1rem;
  }
  .info {
    display: grid;
    gap: 0.25rem;
    padding: 0.75rem 1rem;
    border-radius: var(--_sk-radius);
    background: var(--_sk-color-surface);
  }
  .info h3:not(:first-child) {
    margin-block-start: 0.5rem;
  }
  .target-name {
    font-weight: 700;
  }
  .muted,
  .hint,
  .counter {
    color: var(--_sk-color-text-muted);
    font-size: 0.9375em;
  }
  .counter.over {
    color: var(--_sk-color-error);
    font-weight: 600;
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: none;
    min-inline-size: 0;
    display: grid;
    gap: 0.5rem;
  }
  legend {
    padding: 0;
    margin-block-end: 0.25rem;
    font-weight: 700;
  }
  fieldset.radios legend,
  fieldset.reasons legend {
    font-weight: 600;
  }
  .group {
    padding-block-start: 0.75rem;
    border-block-start: 1px solid var(--_sk-color-border);
  }
  .checks {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
    gap: 0.25rem 1rem;
  }
  .radios {
    grid-template-columns: repeat(auto-fill, minmax(7rem, max-content));
    column-gap: 1.25rem;
  }
  .radios legend,
  .radios .field-error {
    grid-column: 1 / -1;
  }
  .check {
    display: flex;
    gap: 0.5rem;
    align-items: flex-start;
    cursor: pointer;
  }
  .check input {
    inline-size: 1.125rem;
    block-size: 1.125rem;
    margin: 0.2rem 0 0;
    flex: none;
    accent-color: var(--_sk-color-primary);
  }
  .field {
    display: grid;
    gap: 0.25rem;
  }
  .field label {
    font-weight: 600;
  }
  input[type='text'],
  input[type='tel'],
  input[type='email'],
  textarea {
    inline-size: 100%;
    min-block-size: 2.5rem;
    padding: 0.375rem 0.625rem;
    border: 2px solid var(--_sk-color-border);
    border-radius: var(--_sk-radius);
    background: var(--_sk-color-background);
    font: inherit;
    color: inherit;
  }
  textarea {
    resize: vertical;
  }
  [aria-invalid='true']:not([type='checkbox']):not([type='radio']) {
    border-color: var(--_sk-color-error);
  }
  [type='checkbox'][aria-invalid='true'] {
    outline: 2px solid var(--_sk-color-error);
    outline-offset: 1px;
  }
  .field-error,
  .error-summary {
    color: var(--_sk-color-error);
    font-weight: 600;
  }
  .error-summary {
    padding: 0.5rem 0.75rem;
    border-inline-start: 4px solid var(--_sk-color-error);
    background: var(--_sk-color-surface);
  }
  .consent {
    display: grid;
    gap: 0.25rem;
    padding: 0.75rem 1rem;
    border: 2px solid var(--_sk-color-border);
    border-radius: var(--_sk-radius);
    font-weight: 600;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .sending {
    font-weight: 600;
  }
  .outcome {
    padding: 0.75rem 1rem;
    border-inline-start: 4px solid var(--_sk-color-primary);
    background: var(--_sk-color-surface);
    border-radius: var(--_sk-radius);
  }
  .outcome:focus {
    outline: none;
  }
  .outcome:focus-visible {
    outline: 3px solid var(--_sk-color-focus);
  }
  .outcome-fallback {
    border-inline-start-color: var(--_sk-color-error);
  }
  .contact {
    margin: 0;
    padding: 0;
    list-style: none;
    overflow-wrap: anywhere;
  }
  .copy-row {
    display: flex;
    gap: 0.5rem;
    align-items: flex-start;
  }
  .copy-row textarea {
    flex: 1;
  }
  .handout-section {
    display: grid;
    gap: 0.5rem;
  }
  sk-welzijnsrecept {
    max-inline-size: none;
  }
`;
