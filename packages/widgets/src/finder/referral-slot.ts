/**
 * The fallback content of the finder's `referral` slot: in professional mode, an
 * `<sk-referral-button>` for an activity that accepts Welzijn op Recept, handed what the
 * finder knows of the consult. A host's own slotted content replaces it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ActivityResponse } from '../internal/api-client.js';
import type { ReferralPatient, ReferralReferrer } from '../internal/referral.js';
import type { ReferrerTokenSource } from '../internal/referrer-token.js';

/** The finder's properties the button is given. */
export interface ReferralSlotHost {
  api: string;
  mode: 'professional' | 'public';
  need: string;
  lang: string;
  referrerToken: string;
  getReferrerToken: ReferrerTokenSource | null;
  patient: Partial<ReferralPatient> | null;
  referrer: ReferralReferrer | null;
}

export function renderReferralButton(host: ReferralSlotHost, a: ActivityResponse | null): TemplateResult | typeof nothing {
  if (host.mode !== 'professional' || !a?.acceptsWelzijnOpRecept) return nothing;
  // Registered on first need: the finder's first render does not wait for it.
  if (!customElements.get('sk-referral-button')) void import('../referral-button/define.js');
  return html`<sk-referral-button
    api=${host.api}
    activity-id=${a.id}
    need=${host.need || nothing}
    lang=${host.lang || nothing}
    referrer-token=${host.referrerToken || nothing}
    .getReferrerToken=${host.getReferrerToken}
    .patient=${host.patient}
    .referrer=${host.referrer}
  ></sk-referral-button>`;
}
