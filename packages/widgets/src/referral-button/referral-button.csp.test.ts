// The GP's page with a strict Content-Security-Policy (no 'unsafe-eval'): the CDN bundle's
// referral dialog seals the patient part and sends it without a single CSP violation or
// console error. zod probes `new Function` for its fast path unless told not to; the sealing
// library turns that off, and this test is what notices when a probe comes back.
import { executeServerCommand } from '@web/test-runner-commands';
import type { SkReferralButton } from './referral-button.js';
import type { SkReferralSentDetail } from '../internal/events.js';
import type { ReferralRequest } from '../internal/referral.js';
import { assert, assertEqual, loadFrame, referrerToken, testConfig, waitFor } from '../../test/helpers.js';

// window.__violations (from test/csp-probe.js) is declared in finder.embed.test.ts.
const PATIENT = { name: 'Hendrika Strikt-Beleid', contactPreference: 'phone' as const, phone: '06 97531864' };
const NOTE = 'Liefst in de ochtend bellen.';

describe('sk-referral-button: sealed under a strict CSP', () => {
  it("seals and sends from a page with script-src 'self' and no CSP violation or console error", async () => {
    const { apiUrl } = await testConfig();
    const token = await referrerToken();
    // Both listeners before the page loads: the probe script is the frame's first script, the console watch starts here.
    await executeServerCommand('sk-console-watch');
    const { frame, win, doc } = await loadFrame('/__sk/csp-referral.html');
    try {
      await waitFor(() => win.customElements.get('sk-referral-button'), 'defined by the CDN bundle');
      const el = doc.createElement('sk-referral-button') as SkReferralButton;
      el.setAttribute('api', apiUrl);
      el.setAttribute('referrer-token', token);
      el.setAttribute('activity-id', 'test-samen-koken-lombok');
      el.setAttribute('need', 'eenzaamheid');
      (el as unknown as { patient: typeof PATIENT }).patient = PATIENT;
      const sent: SkReferralSentDetail[] = [];
      const failed: unknown[] = [];
      doc.addEventListener('sk-referral-sent', (e) => sent.push((e as CustomEvent<SkReferralSentDetail>).detail));
      doc.addEventListener('sk-referral-failed', (e) => failed.push((e as CustomEvent).detail));
      doc.body.append(el);
      await el.open();
      const root = el.shadowRoot!;
      const submit = await waitFor(() => {
        const b = root.querySelector<HTMLButtonElement>('[part~="submit"]');
        return b && !b.disabled ? b : null;
      }, 'dialog ready');
      assertEqual(root.querySelector('.info [data-sealed]')?.getAttribute('data-sealed'), 'true', 'the organisation has a key: it seals');
      const note = root.querySelector<HTMLTextAreaElement>('textarea[data-field="note"]')!;
      note.value = NOTE;
      note.dispatchEvent(new win.Event('input', { bubbles: true }));
      root.querySelector<HTMLInputElement>('[data-field="consent"]')!.click();
      await el.updateComplete;
      submit.click();
      const detail = await waitFor(() => sent[0], 'sk-referral-sent', 10_000).catch((e: Error) => {
        throw new Error(`${e.message}; failed: ${JSON.stringify(failed)}; violations: ${JSON.stringify(win.__violations)}`);
      });
      await waitFor(() => root.querySelector('.outcome')?.textContent?.includes('Versleuteld verstuurd'), 'said sealed and sent');

      const stored = (await executeServerCommand<Array<{ referralId: string; body: ReferralRequest | null; opened: unknown }>, undefined>('sk-inbox-referrals')).find(
        (r) => r.referralId === detail.referralId,
      );
      assert(stored?.body?.sealed, 'the relay got a sealed body');
      assertEqual(stored.opened, { patient: PATIENT, note: NOTE }, 'it opens to what was typed');
      assertEqual(win.__violations ?? null, [], 'no CSP violations');
      assertEqual(await executeServerCommand<string[], undefined>('sk-console-errors'), [], 'no console errors');
    } finally {
      frame.remove();
    }
  });
});
