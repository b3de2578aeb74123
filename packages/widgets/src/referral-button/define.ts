import { defineElement } from '../internal/define.js';
import { SkReferralButton } from './referral-button.js';

export { SkReferralButton };
export type { SkReferralDetail, SkReferralSentDetail, SkReferralFailedDetail } from '../internal/events.js';
export type { ReferralRequest, ReferralPatient, ReferralReferrer, ReferralTargetInfo, ReferralProblem, ReferralContact } from '../internal/referral.js';

defineElement('sk-referral-button', SkReferralButton);

declare global {
  interface HTMLElementTagNameMap {
    'sk-referral-button': SkReferralButton;
  }
}
