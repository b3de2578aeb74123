import { defineElement } from '../internal/define.js';
import { SkFinder } from './finder.js';

export { SkFinder };
export type { SkSearchDetail, SkSelectDetail } from '../internal/events.js';
export type { FinderQuery } from '../internal/query.js';

defineElement('sk-finder', SkFinder);

declare global {
  interface HTMLElementTagNameMap {
    'sk-finder': SkFinder;
  }
}
