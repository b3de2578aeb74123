import './define.js';
import type { SkFinder } from './finder.js';
import type { SkReferralButton } from '../referral-button/referral-button.js';
import { $, assert, assertEqual, cleanup, mountFinder, waitFor, waitForResults } from '../../test/helpers.js';

async function openFirst(el: SkFinder, title: string): Promise<HTMLElement> {
  await waitForResults(el, (t) => t[0] === title, title);
  $<HTMLButtonElement>(el, '.card .title-button')!.click();
  const detail = await waitFor(() => $<HTMLElement>(el, '[part~="detail"]'), 'detail');
  await waitFor(() => detail.querySelector('h2')?.textContent === title, 'detail loaded');
  return detail;
}

describe('sk-finder: referral in the detail view', () => {
  afterEach(cleanup);

  it('professional mode shows a referral button for Welzijn op Recept activities, with the finder’s need, patient and referrer', async () => {
    const el = await mountFinder({ q: 'koffieochtend', need: 'eenzaamheid', mode: 'professional' });
    el.patient = { name: 'Mevrouw Jansen', contactPreference: 'phone', phone: '06 22222222' };
    el.referrer = { name: 'Dr. Bakker', practice: 'Praktijk Oost' };
    el.setAttribute('referrer-token', 'his-signed-token');
    const tokenSource = async () => 'fresh-token';
    el.getReferrerToken = tokenSource;
    const detail = await openFirst(el, 'Koffieochtend in de Buurtkamer');
    const button = await waitFor(() => detail.querySelector<SkReferralButton>('[part~="referral"] sk-referral-button'), 'the referral button');
    await waitFor(() => customElements.get('sk-referral-button'), 'registered on demand');
    assertEqual(
      [button.getAttribute('api'), button.getAttribute('activity-id'), button.getAttribute('need')],
      [el.api, 'test-koffie-buurtkamer', 'eenzaamheid'],
      'api, activity-id and need passed through',
    );
    assertEqual(button.patient, el.patient, 'patient forwarded');
    assertEqual(button.referrer, el.referrer, 'referrer forwarded');
    assertEqual(button.referrerToken, 'his-signed-token', 'referrer-token forwarded');
    assert(button.getReferrerToken === tokenSource, 'getReferrerToken forwarded');
    await button.updateComplete;
    $<HTMLButtonElement>(button, '.trigger')!.click();
    await waitFor(() => $(button, 'dialog[open]'), 'its dialog opens from the finder');
    await waitFor(() => $<HTMLInputElement>(button, '[data-field="name"]')?.value === 'Mevrouw Jansen', 'prefilled with the finder’s patient');
    button.close();
  });

  it('no referral button in public mode, nor for activities without Welzijn op Recept; a slotted button replaces it', async () => {
    const pub = await mountFinder({ q: 'koffieochtend' });
    const detail = await openFirst(pub, 'Koffieochtend in de Buurtkamer');
    assert(!detail.querySelector('sk-referral-button'), 'public mode: none');

    const pro = await mountFinder({ q: 'stoelgym', mode: 'professional' });
    const detail2 = await openFirst(pro, 'Stoelgym voor senioren');
    assert(!detail2.querySelector('sk-referral-button'), 'not for an activity without Welzijn op Recept');

    const own = await mountFinder({ q: 'koffieochtend', mode: 'professional' }, '<button slot="referral" id="own-refer">Via ons HIS verwijzen</button>');
    const detail3 = await openFirst(own, 'Koffieochtend in de Buurtkamer');
    const slot = detail3.querySelector<HTMLSlotElement>('slot[name="referral"]')!;
    assertEqual(slot.assignedElements()[0]?.id, 'own-refer', 'the host’s own button is shown');
    const fallback = detail3.querySelector('sk-referral-button');
    assert(!fallback || fallback.getClientRects().length === 0, 'and the built-in one is not');
  });
});
