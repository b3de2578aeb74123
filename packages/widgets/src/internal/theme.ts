import { css } from 'lit';

/**
 * The theming contract shared by every element: public `--sk-*` properties, falling
 * back to NL Design System (`--utrecht-*`) tokens when a gemeente site defines them,
 * then to our own defaults (all text ≥ 4.5:1 on the default background).
 * Internals read only the private `--_sk-*` layer.
 */
export const themeTokens = css`
  :host {
    --_sk-font-family: var(--sk-font-family, var(--utrecht-document-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif));
    --_sk-font-size: var(--sk-font-size, var(--utrecht-document-font-size, 1rem));
    --_sk-color-text: var(--sk-color-text, var(--utrecht-document-color, #1b1b1b));
    --_sk-color-text-muted: var(--sk-color-text-muted, #4a4a4a);
    --_sk-color-background: var(--sk-color-background, var(--utrecht-document-background-color, #ffffff));
    --_sk-color-surface: var(--sk-color-surface, #f2f4f6);
    --_sk-color-border: var(--sk-color-border, var(--utrecht-form-control-border-color, #6e6e6e));
    --_sk-color-primary: var(--sk-color-primary, var(--utrecht-button-primary-action-background-color, #00589c));
    --_sk-color-on-primary: var(--sk-color-on-primary, var(--utrecht-button-primary-action-color, #ffffff));
    --_sk-color-link: var(--sk-color-link, var(--utrecht-link-color, #00589c));
    --_sk-color-focus: var(--sk-color-focus, var(--utrecht-focus-outline-color, #1b1b1b));
    --_sk-color-error: var(--sk-color-error, #b3261e);
    --_sk-color-highlight: var(--sk-color-highlight, #ffe27a);
    --_sk-color-badge-background: var(--sk-color-badge-background, #dcefd6);
    --_sk-color-badge-text: var(--sk-color-badge-text, #1d4a12);
    --_sk-radius: var(--sk-border-radius, var(--utrecht-border-radius, 6px));
    --_sk-space: var(--sk-space, 0.75rem);
  }
`;

/** Resets and helpers every element shares. */
export const baseStyles = css`
  :host {
    box-sizing: border-box;
    font-family: var(--_sk-font-family);
    font-size: var(--_sk-font-size);
    line-height: 1.5;
    color: var(--_sk-color-text);
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  [hidden] {
    display: none !important;
  }
  :focus-visible {
    outline: 3px solid var(--_sk-color-focus);
    outline-offset: 2px;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  a {
    color: var(--_sk-color-link);
    text-underline-offset: 0.15em;
  }
  button,
  input,
  select {
    font: inherit;
    color: inherit;
  }
`;

/** The primary (and `.secondary`) button every element uses: one look for the finder, the dialog and the handout. */
export const buttonStyles = css`
  .button {
    min-block-size: var(--_sk-control-height, 2.5rem);
    padding: 0.25rem 1rem;
    border: 2px solid var(--_sk-color-primary);
    border-radius: var(--_sk-radius);
    background: var(--_sk-color-primary);
    color: var(--_sk-color-on-primary);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  .button.secondary {
    background: var(--_sk-color-background);
    color: var(--_sk-color-primary);
  }
  .button:disabled {
    opacity: 0.5;
    cursor: default;
  }
`;
