import { css } from 'lit';

export const welzijnsreceptStyles = css`
  :host {
    display: block;
    max-inline-size: 42rem;
  }
  .handout {
    display: grid;
    gap: 0.75rem;
    padding: 1.25rem 1.5rem;
    border: 1px solid var(--_sk-color-border);
    border-block-start: 6px solid var(--_sk-color-primary);
    border-radius: var(--_sk-radius);
    background: var(--_sk-color-background);
  }
  header {
    display: grid;
    gap: 0.125rem;
  }
  .brand {
    margin: 0;
    font-weight: 600;
    color: var(--_sk-color-text-muted);
    font-size: 0.9375em;
  }
  h2 {
    margin: 0;
    font-size: 1.5em;
    line-height: 1.2;
  }
  h3 {
    margin: 0 0 0.125rem;
    font-size: 1.0625em;
  }
  p,
  ul,
  dl {
    margin: 0;
  }
  ul {
    padding-inline-start: 1.25rem;
  }
  .contact {
    list-style: none;
    padding: 0;
    overflow-wrap: anywhere;
  }
  .activity-title {
    font-weight: 700;
    font-size: 1.125em;
  }
  .next {
    padding: 0.75rem;
    border-radius: var(--_sk-radius);
    background: var(--_sk-color-surface);
  }
  .footer {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1.5rem;
    padding-block-start: 0.5rem;
    border-block-start: 1px solid var(--_sk-color-border);
    font-size: 0.9375em;
  }
  .footer dt {
    display: inline;
    font-weight: 600;
  }
  .footer dd {
    display: inline;
    margin: 0;
    overflow-wrap: anywhere;
  }
  .state {
    color: var(--_sk-color-text-muted);
  }
  .print {
    justify-self: start;
  }
  @media print {
    :host {
      max-inline-size: none;
      color: #000;
      font-size: 11pt;
      line-height: 1.4;
    }
    .handout {
      border: none;
      border-block-start: 4pt solid #000;
      border-radius: 0;
      padding: 0.5rem 0 0;
      gap: 0.6rem;
    }
    h2 {
      font-size: 20pt;
    }
    a {
      color: #000;
      text-decoration: none;
    }
    .next {
      border: 1pt solid #000;
      background: none;
    }
    section {
      break-inside: avoid;
    }
    .print {
      display: none;
    }
  }
`;
