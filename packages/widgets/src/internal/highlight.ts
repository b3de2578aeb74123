import { html, nothing, type TemplateResult } from 'lit';

/** The search API marks matches with these private-use characters; the text itself is plain. */
export const HIGHLIGHT_START = '\uE000';
export const HIGHLIGHT_END = '\uE001';

export interface TextPart {
  text: string;
  marked: boolean;
}

/** Splits highlighted text into plain and marked parts. Unbalanced markers are tolerated. */
export function splitHighlight(value: string): TextPart[] {
  const parts: TextPart[] = [];
  let marked = false;
  let buffer = '';
  for (const ch of value) {
    if (ch === HIGHLIGHT_START || ch === HIGHLIGHT_END) {
      if (buffer) parts.push({ text: buffer, marked });
      buffer = '';
      marked = ch === HIGHLIGHT_START;
    } else {
      buffer += ch;
    }
  }
  if (buffer) parts.push({ text: buffer, marked });
  return parts;
}

export function stripHighlight(value: string): string {
  return value.replaceAll(HIGHLIGHT_START, '').replaceAll(HIGHLIGHT_END, '');
}

/** Renders highlighted text through Lit text bindings: markup in the data stays text. */
export function renderHighlight(value: string | null | undefined): TemplateResult | typeof nothing {
  if (!value) return nothing;
  return html`${splitHighlight(value).map((p) => (p.marked ? html`<mark part="mark">${p.text}</mark>` : p.text))}`;
}
