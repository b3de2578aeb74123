/** Cost: `free` (boolean) and a short description, from template text or HSDS cost options. */
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

/** "gratis", "geen kosten", "€ 2,50 per keer", "vrijwillige bijdrage", "0" → cost. */
export function parseCostText(input: string | null | undefined): Cost {
  const text = htmlToText(input ?? '').replace(/\s+/g, ' ').trim();
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

export interface CostOptionLike {
  option?: string | null | undefined;
  currency?: string | null | undefined;
  amount?: number | null | undefined;
  amount_description?: string | null | undefined;
}

/** HSDS `cost_options` and `fees_description` → cost. An option of 0 means free; any positive amount means not free. */
export function costFromHsds(options: readonly CostOptionLike[], feesDescription: string | null | undefined): Cost {
  const parts: string[] = [];
  let anyPaid = false;
  let anyZero = false;
  for (const o of options) {
    const amount = typeof o.amount === 'number' && Number.isFinite(o.amount) ? o.amount : null;
    if (amount !== null && amount > 0) anyPaid = true;
    if (amount === 0) anyZero = true;
    const label = [o.option?.trim(), amount !== null ? money(amount, o.currency) : null, o.amount_description?.trim()].filter((x): x is string => !!x);
    if (label.length > 0) parts.push(o.option?.trim() && label.length > 1 ? `${label[0]}: ${label.slice(1).join(' ')}` : label.join(' '));
  }
  const fees = parseCostText(feesDescription);
  if (fees.description) parts.push(fees.description);
  const description = parts.length > 0 ? truncate(parts.join('; '), 300) : null;
  if (anyPaid) return { free: false, description };
  if (anyZero) return { free: true, description };
  return { free: fees.free, description };
}
