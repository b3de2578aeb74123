import { en } from '../translations/en.js';
import { nl } from '../translations/nl.js';
import type { Translation } from '../translations/translation.js';

export type Lang = 'nl' | 'en';
export type { Translation };

const translations: Record<Lang, Translation> = { nl, en };

/** Dutch unless the element (or the nearest ancestor, or the page) says English. */
export function resolveLang(host: HTMLElement): Lang {
  // The property, not the attribute: Lit reflects attributes only after render.
  const own = host.lang || host.parentElement?.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'nl';
  return own.toLowerCase().startsWith('en') ? 'en' : 'nl';
}

export function translationFor(lang: Lang): Translation {
  return translations[lang];
}
