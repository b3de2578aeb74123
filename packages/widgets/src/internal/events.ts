import type { ActivityResponse } from '@sociale-kaart/schema';
import type { FinderQuery } from './query.js';

/** `sk-search`: a search completed. A host may keep `query` in its URL and restore it later. */
export interface SkSearchDetail {
  query: FinderQuery;
  total: number;
}

/** `sk-select`: the user opened an activity; `activity` is the full record from /activities/{id}. */
export interface SkSelectDetail {
  id: string;
  activity: ActivityResponse;
}

/** Our events bubble out of the shadow root and carry the `sk-` prefix. */
export function emit<T>(el: HTMLElement, name: string, detail: T, init: { cancelable?: boolean } = {}): boolean {
  return el.dispatchEvent(new CustomEvent<T>(name, { detail, bubbles: true, composed: true, cancelable: init.cancelable ?? false }));
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sk-search': CustomEvent<SkSearchDetail>;
    'sk-select': CustomEvent<SkSelectDetail>;
  }
}
