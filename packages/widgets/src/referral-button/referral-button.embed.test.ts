import type { SkReferralButton } from './referral-button.js';
import type { SkWelzijnsrecept } from '../welzijnsrecept/welzijnsrecept.js';
import { assert, assertEqual, loadFrame, testConfig, waitFor } from '../../test/helpers.js';

// window.__violations and window.__storageUse (from test/csp-probe.js) are declared in finder.embed.test.ts.
describe('sk-referral-button: embedding', () => {
  it('the CDN bundle defines the referral elements, loads the dialog chunk on first use, and works under a strict CSP without storage', async () => {
    const { apiUrl } = await testConfig();
    const { frame, win, doc } = await loadFrame('/__sk/csp.html');
    try {
      await waitFor(() => ['sk-referral-button', 'sk-welzijnsrecept', 'sk-referral-status'].every((t) => win.customElements.get(t)), 'all referral elements defined by the CDN bundle');
      const scripts = () => win.performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.js'));
      const el = doc.createElement('sk-referral-button') as SkReferralButton;
      el.setAttribute('api', apiUrl);
      el.setAttribute('activity-id', 'test-koffie-buurtkamer');
      el.setAttribute('need', 'eenzaamheid');
      doc.body.append(el);
      await waitFor(() => el.shadowRoot?.querySelector('.trigger'), 'button rendered');
      assert(!scripts().some((n) => n.includes('/chunks/referral-dialog-')), `no dialog code before use: ${JSON.stringify(scripts())}`);
      // open() is what the button's click runs; awaiting it takes the polling (and its timing) out of the test.
      await el.open();
      const dialog = el.shadowRoot!.querySelector<HTMLDialogElement>('dialog');
      assert(
        dialog?.open,
        `the dialog opens under the CSP; shadow: ${el.shadowRoot!.innerHTML.slice(0, 300)}; scripts: ${JSON.stringify(scripts())}; violations: ${JSON.stringify(win.__violations)}`,
      );
      assert(scripts().some((n) => /\/chunks\/referral-dialog-.*\.js$/.test(n)), 'the dialog chunk was loaded on demand');
      await waitFor(() => dialog.textContent!.includes('Buurtteam Oost'), 'with the organisation');
      assertEqual(win.getComputedStyle(dialog).paddingLeft, '24px', 'the dialog styles were adopted (constructable stylesheets; the browser default is 1em)');

      const handout = doc.createElement('sk-welzijnsrecept') as SkWelzijnsrecept;
      handout.setAttribute('api', apiUrl);
      handout.setAttribute('activity-id', 'test-koffie-buurtkamer');
      doc.body.append(handout);
      await waitFor(() => handout.shadowRoot?.textContent?.includes('Koffieochtend'), 'handout rendered');
      win.print = () => undefined;
      await handout.print();
      assert(doc.querySelector('[data-sk-print-root] sk-welzijnsrecept'), 'the print copy is in place');
      win.dispatchEvent(new win.Event('afterprint'));
      assertEqual(win.__violations ?? null, [], 'no CSP violations');
      assertEqual(win.__storageUse ?? null, [], 'no cookies or storage used');
    } finally {
      frame.remove();
    }
  });
});
