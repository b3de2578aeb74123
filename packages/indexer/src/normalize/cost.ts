/**
 * Cost: `free` (boolean) and one readable line, from template text or HSDS cost options.
 *
 * HSDS says a cost up to four times (`option`, `amount`, `amount_description` and the
 * service's `fees_description`), and feeds fill them all with the same fact. The line keeps
 * the provider's own wording, `amount_description` first and then what `fees_description`
 * adds, drops a label, sentence or clause that repeats a fact already in the line (an amount,
 * "gratis", words already there), and writes the amount itself only when no text states it.
 */
import { foldText } from '@sociale-kaart/schema';
import { htmlToText, truncate } from './text.js';

export interface Cost {
  /** null when the feed says nothing about cost. */
  free: boolean | null;
  description: string | null;
}

const FREE_WORDS = /^(gratis|kosteloos|kostenloos|free|free of charge|geen kosten|geen|nvt|n v t|nee|0|0 0|0 00|nul|€ 0|eur 0)$/;
const FREE_START = /^(gratis|kosteloos|geen kosten|free|zonder kosten)\b/;
const VOLUNTARY = /\bvrijwillige bijdrage\b|\bdonatie\b|\bvoluntary contribution\b|\bpay what you can\b/;
const SAYS_FREE = /\b(gratis|kosteloos|kostenloos|free|geen kosten|zonder kosten)\b/;

const clean = (s: string | null | undefined): string => htmlToText(s ?? '').replace(/\s+/g, ' ').trim();

/** "gratis", "geen kosten", "€ 2,50 per keer", "vrijwillige bijdrage", "0" → cost. */
export function parseCostText(input: string | null | undefined): Cost {
  const text = clean(input);
  if (text === '') return { free: null, description: null };
  const folded = foldText(text.replace(/€/g, ' € ')).replace(/\beuro\b/g, 'eur');
  if (FREE_WORDS.test(folded) || /^(€|eur)? ?0([ ,.]0{1,2})?( (eur|€))?$/.test(folded.replace(/,/g, ' '))) {
    return { free: true, description: null };
  }
  if (FREE_START.test(folded) || VOLUNTARY.test(folded)) return { free: true, description: truncate(text, 300) };
  return { free: false, description: truncate(text, 300) };
}

function money(amount: number, currency: string | null | undefined): string {
  const cur = (currency ?? 'EUR').trim().toUpperCase();
  const fixed = Number.isInteger(amount) ? String(amount) : amount.toFixed(2);
  if (cur === 'EUR' || cur === '€') return `€ ${fixed.replace('.', ',')}${Number.isInteger(amount) ? ',-' : ''}`;
  return `${cur} ${fixed}`;
}

/** Amounts a text states: numbers next to a currency sign or word ("€ 4,50", "£50", "3 euro", "2,-"). */
function amountsIn(text: string): number[] {
  const found: number[] = [];
  const re = /(?:€|£|\$|\b(?:eur|euro|gbp|usd)\b)\s*(\d+(?:[.,]\d{1,2})?)|(\d+(?:[.,]\d{1,2})?)\s*(?:€|,-|\b(?:eur|euro|euros|pounds?)\b)/gi;
  for (const m of text.matchAll(re)) found.push(Number((m[1] ?? m[2])!.replace(',', '.')));
  return found;
}

const STOP_WORDS = new Set(['de', 'het', 'een', 'en', 'of', 'per', 'voor', 'van', 'the', 'a', 'and', 'or', 'for', 'of']);
const words = (text: string): string[] => foldText(text).split(' ').filter((w) => w !== '' && !STOP_WORDS.has(w));
const within = (part: string, whole: string): boolean => {
  const all = new Set(words(whole));
  const own = words(part);
  return own.length > 0 && own.every((w) => all.has(w));
};

/** What the line already says, so that nothing is said twice. */
class Facts {
  readonly amounts = new Set<number>();
  free = false;
  add(text: string): void {
    for (const a of amountsIn(text)) this.amounts.add(a);
    if (SAYS_FREE.test(foldText(text))) this.free = true;
  }
  repeats(text: string): boolean {
    return amountsIn(text).some((a) => this.amounts.has(a)) || (this.free && SAYS_FREE.test(foldText(text)));
  }
}

interface Part {
  text: string;
}

/** The parts of `fees_description` that add something to `line`, clause by clause. */
function newFees(fees: string, facts: Facts, line: Part[]): Part[] {
  const kept: Part[] = [];
  for (const sentence of fees.split(/(?<=[.!?])\s+/)) {
    if (!facts.repeats(sentence) && !within(sentence, line.map((p) => p.text).join(' '))) {
      kept.push({ text: sentence });
      continue;
    }
    // "Een keer meedoen kost € 3, inclusief koffie." after "€ 3 per keer": keep ", inclusief koffie."
    const clauses = sentence.split(/,\s+/);
    const rest = clauses.filter((c) => !facts.repeats(c));
    if (rest.length === 0 || rest.length === clauses.length) continue;
    const tail = rest.join(', ');
    const last = kept.at(-1) ?? line.at(-1);
    if (last && facts.repeats(clauses[0]!)) last.text = `${last.text.replace(/[.!?]$/, '')}, ${tail}`;
    else kept.push({ text: tail.charAt(0).toUpperCase() + tail.slice(1) });
  }
  return kept;
}

export interface CostOptionLike {
  option?: string | null | undefined;
  currency?: string | null | undefined;
  amount?: number | null | undefined;
  amount_description?: string | null | undefined;
}

/** HSDS `cost_options` and `fees_description` → cost. An option of 0 means free; any positive amount means not free. */
export function costFromHsds(options: readonly CostOptionLike[], feesDescription: string | null | undefined): Cost {
  if (options.length === 0) return parseCostText(feesDescription);
  const fees = clean(feesDescription);
  const feeSentences = fees ? fees.split(/(?<=[.!?])\s+/) : [];
  let anyPaid = false;
  let anyZero = false;
  const phrases: Array<Part & { label: string; desc: string; amount: number | null; currency: string | null | undefined }> = [];
  for (const o of options) {
    const amount = typeof o.amount === 'number' && Number.isFinite(o.amount) ? o.amount : null;
    if (amount !== null && amount > 0) anyPaid = true;
    if (amount === 0) anyZero = true;
    const described = clean(o.amount_description);
    const option = clean(o.option);
    // A label that shares words with the description ("Per maaltijd" / "€ 4,50 per maaltijd") says it again.
    const label = option && (!described || !words(option).some((w) => words(described).includes(w))) ? option : '';
    // A description without an amount ("Vrijwillige bijdrage") that a sentence of fees_description
    // says in full gives way to that sentence; one with an amount stays, and the sentence goes.
    const desc = described && amountsIn(described).length === 0 && feeSentences.some((s) => within(described, s)) ? '' : described;
    phrases.push({ label, desc, amount, currency: o.currency, text: [label, desc].filter(Boolean).join(': ') });
  }

  const facts = new Facts();
  const line: Part[] = phrases.filter((p) => p.text !== '');
  for (const part of line) facts.add(part.text);
  const extra = fees ? newFees(fees, facts, line) : [];
  for (const part of extra) facts.add(part.text);

  // The amount itself, only where no text of the line states it.
  for (const p of phrases) {
    if (p.amount === null || facts.amounts.has(p.amount) || (p.amount === 0 && facts.free)) continue;
    facts.amounts.add(p.amount);
    const shown = [money(p.amount, p.currency), p.desc].filter(Boolean).join(' ');
    p.text = p.label ? `${p.label}: ${shown}` : shown;
    if (!line.includes(p)) line.push(p);
  }

  const head = line.map((p) => p.text).join('; ');
  const tail = extra.map((p) => p.text).join(' ');
  const description = head && tail ? `${head}${/[.!?]$/.test(head) ? '' : '.'} ${tail}` : head || tail;
  const text = description ? truncate(description, 300) : null;
  if (anyPaid) return { free: false, description: text };
  if (anyZero) return { free: true, description: text };
  return { free: parseCostText(fees).free, description: text };
}
