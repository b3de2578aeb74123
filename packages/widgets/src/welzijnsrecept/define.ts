import { defineElement } from '../internal/define.js';
import { SkWelzijnsrecept } from './welzijnsrecept.js';

export { SkWelzijnsrecept };
export type { HandoutReferral, ReferralReferrer } from '../internal/referral.js';

defineElement('sk-welzijnsrecept', SkWelzijnsrecept);

declare global {
  interface HTMLElementTagNameMap {
    'sk-welzijnsrecept': SkWelzijnsrecept;
  }
}
