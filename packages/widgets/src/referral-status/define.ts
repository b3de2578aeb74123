import { defineElement } from '../internal/define.js';
import { SkReferralStatus } from './referral-status.js';

export { SkReferralStatus };
export type { SkReferralStatusDetail } from '../internal/events.js';
export type { ReferralStatus, ReferralStatusView, ReferralHistoryEntry } from '../internal/referral.js';

defineElement('sk-referral-status', SkReferralStatus);

declare global {
  interface HTMLElementTagNameMap {
    'sk-referral-status': SkReferralStatus;
  }
}
