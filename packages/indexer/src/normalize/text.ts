/**
 * Text from feeds is untrusted and may contain HTML. Everything we store is plain
 * text: tags are removed (the content of script/style/template is dropped entirely),
 * block elements become line breaks and entities are decoded.
 */
import { decode } from 'html-entities';

// Elements whose content is never text for a reader.
const DROPPED_ELEMENTS = /<(script|style|template|noscript|iframe|object|embed|svg|math|head|title)\b[^>]*>[\s\S]*?(<\/\1\s*>|$)/gi;
// Elements that end a line or a paragraph.
const BLOCK_BREAK = /<\/?(p|div|br|ul|ol|h[1-6]|tr|table|section|article|header|footer|blockquote|pre|hr|dd|dt|dl)\b[^>]*>/gi;
const LIST_ITEM = /<li\b[^>]*>/gi;
const LIST_ITEM_END = /<\/li\s*>/gi;
const COMMENT = /<!--[\s\S]*?(-->|$)/g;
const CDATA = /<!\[CDATA\[[\s\S]*?(\]\]>|$)/g;
// A tag: starts with a letter, "/" or "!" so that "a < b" stays text.
const TAG = /<\/?[a-zA-Z!][^<>]*(>|$)/g;
// C0/C1 control characters except tab and newline.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

function stripTags(html: string): string {
  return html
    .replace(COMMENT, ' ')
    .replace(CDATA, ' ')
    .replace(DROPPED_ELEMENTS, ' ')
    .replace(LIST_ITEM, '\n- ')
    .replace(LIST_ITEM_END, '')
    .replace(BLOCK_BREAK, '\n')
    .replace(TAG, '');
}

/**
 * HTML (or plain text) → plain text. Paragraphs and line breaks survive as "\n",
 * at most one empty line in a row; runs of spaces collapse; entities are decoded.
 * Decoding can reveal markup that was escaped ("&lt;script&gt;"): that is stripped too,
 * so no tag ever reaches the index.
 */
export function htmlToText(input: string | null | undefined): string {
  if (input == null) return '';
  let text = String(input).replace(/\r\n?/g, '\n');
  for (let i = 0; i < 3; i++) {
    const stripped = decode(stripTags(text), { level: 'html5' });
    if (stripped === text) break;
    text = stripped;
  }
  text = stripTags(text).replace(CONTROL, '').replace(/\u00a0/g, ' ');
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Plain text on one line (for titles and names). */
export function textLine(input: string | null | undefined): string {
  return htmlToText(input).replace(/\s+/g, ' ').trim();
}

/** Cuts text to at most `max` characters at a word boundary, ending with "…". */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

/** A summary of at most 300 characters: the first paragraph(s) of the description, on one line. */
export function summarize(description: string, max = 300): string {
  return truncate(description.replace(/\s+/g, ' ').trim(), max);
}

/** A value as a trimmed string, or null when empty. */
export function nonEmpty(value: unknown): string | null {
  if (value == null) return null;
  const s = String(value).trim();
  return s === '' ? null : s;
}
