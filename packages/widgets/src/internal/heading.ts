/**
 * Headings at a level the host chooses: a widget embedded in someone else's page cannot know
 * which level comes next in that page's outline (`heading-level` on `<sk-finder>`).
 */
import { nothing, type TemplateResult } from 'lit';
import { html, literal } from 'lit/static-html.js';

// Literal tags only: the level picks one of six, no text from outside becomes markup.
const TAGS = [literal`h1`, literal`h2`, literal`h3`, literal`h4`, literal`h5`, literal`h6`];

/** A valid heading level (1–6) from any attribute value; `fallback` when it is not a number. */
export function headingLevel(value: unknown, fallback = 2): number {
  const n = Math.round(Number(value));
  return Number.isFinite(n) ? Math.min(6, Math.max(1, n)) : fallback;
}

/** `<hN class id>content</hN>`; levels past 6 stay at 6. */
export function heading(level: number, content: unknown, attrs: { class?: string; id?: string } = {}): TemplateResult {
  const tag = TAGS[headingLevel(level) - 1]!;
  return html`<${tag} class=${attrs.class ?? nothing} id=${attrs.id ?? nothing}>${content}</${tag}>`;
}
