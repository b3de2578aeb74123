/** Helpers shared by the HSDS and template transforms. */
import type { StatusKey } from '@sociale-kaart/schema';
import { foldText } from '@sociale-kaart/schema';
import { shown, type Problems } from '../problems.js';
import { emailAddress, httpUrl, safeLink } from '../normalize/link.js';
import { normalizePhone } from '../normalize/phone.js';

/** Keeps a link when it is http(s)/mailto/tel; drops it with a warning otherwise. */
export function keepLink(raw: string | null | undefined, problems: Problems, path: string, kind: 'http' | 'any' = 'any'): string | null {
  const r = kind === 'http' ? httpUrl(raw) : safeLink(raw);
  if (r.ok) return r.value;
  if (r.reason === 'empty') return null;
  if (r.reason === 'unsafe') {
    problems.warn('link_unsafe', path, `link ${shown(raw)} verwijderd: alleen http(s)-, mailto- en tel-links zijn toegestaan`, `link ${shown(raw)} dropped: only http(s), mailto and tel links are allowed`);
  } else {
    problems.warn('link_invalid', path, `link ${shown(raw)} is geen geldige webadres en is weggelaten`, `link ${shown(raw)} is not a valid URL and was left out`);
  }
  return null;
}

export function keepEmail(raw: string | null | undefined, problems: Problems, path: string): string | null {
  const r = emailAddress(raw);
  if (r.ok) return r.value;
  if (r.reason !== 'empty') problems.warn('email_invalid', path, `e-mailadres ${shown(raw)} is ongeldig en is weggelaten`, `e-mail address ${shown(raw)} is invalid and was left out`);
  return null;
}

export function keepPhone(raw: string | null | undefined, problems: Problems, path: string): string | null {
  if (raw == null || String(raw).trim() === '') return null;
  const p = normalizePhone(raw);
  if (!p) problems.warn('phone_invalid', path, `telefoonnummer ${shown(raw)} niet herkend en weggelaten`, `phone number ${shown(raw)} not recognised and left out`);
  return p;
}

/** HSDS status values and their Dutch spellings → our status keys. */
export function parseStatus(raw: string | null | undefined, problems: Problems, path: string): StatusKey {
  if (raw == null || raw.trim() === '') return 'active';
  const s = foldText(raw);
  if (/^(active|actief|open|lopend)$/.test(s)) return 'active';
  if (/^(inactive|inactief|defunct|gestopt|beeindigd|opgeheven|gesloten|closed|vervallen)$/.test(s)) return 'inactive';
  if (/^(temporarily closed|temporarily_closed|tijdelijk gesloten|tijdelijk gestopt|gepauzeerd|pauze|tijdelijk dicht)$/.test(s.replace(/_/g, ' ')) || s === 'temporarily closed') return 'temporarily_closed';
  problems.warn('status_unknown', path, `status ${shown(raw)} onbekend: als actief opgenomen`, `status ${shown(raw)} unknown: taken as active`);
  return 'active';
}

/** Guesses wheelchair access from free text ("rolstoeltoegankelijk", "niet toegankelijk voor rolstoelen"). */
export function wheelchairFromText(text: string): boolean | null {
  const s = foldText(text);
  if (!/rolstoel|wheelchair|mindervalide/.test(s)) return null;
  if (/\b(niet|geen|not|no|helaas)\b(\s+\w+){0,3}\s+(rolstoel|wheelchair|mindervalide|toegankelijk)/.test(s) || /rolstoel\w*\s+(\w+\s+){0,2}(niet|geen)\b/.test(s)) return false;
  return true;
}
