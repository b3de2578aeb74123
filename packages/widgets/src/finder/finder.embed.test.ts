import './define.js';
import { defineElement } from '../internal/define.js';
import { SkFinder } from './finder.js';
import { assert, assertEqual, loadFrame, testConfig, waitFor } from '../../test/helpers.js';

declare global {
  interface Window {
    __violations?: string[];
    __storageUse?: string[];
  }
}

describe('sk-finder: embedding', () => {
  it('registration is guarded: a second definition of the tag does not throw', () => {
    class Other extends HTMLElement {}
    defineElement('sk-finder', Other);
    assert(customElements.get('sk-finder') === SkFinder, 'the first definition stays');
  });

  it('a second copy of the library (the CDN bundle) loads beside this one without errors', async () => {
    const errors: string[] = [];
    const onError = (e: ErrorEvent) => errors.push(e.message);
    window.addEventListener('error', onError);
    try {
      const cdn = await import(/* @vite-ignore */ `${location.origin}/dist/cdn/sociale-kaart.js`).catch((e: Error) => {
        throw new Error(`dist/cdn/sociale-kaart.js could not be loaded (run pnpm build first): ${e.message}`);
      });
      assert(typeof cdn.SkFinder === 'function' && cdn.SkFinder !== SkFinder, 'the CDN bundle is a separate copy');
      assert(customElements.get('sk-finder') === SkFinder, 'the first copy keeps the tag');
      assertEqual(errors, [], 'no errors');
    } finally {
      window.removeEventListener('error', onError);
    }
  });

  it('the CDN bundle works under a strict CSP, without cookies or storage, and loads the map chunk on demand', async () => {
    const { apiUrl, tileUrl } = await testConfig();
    const { frame, win, doc } = await loadFrame('/__sk/csp.html', 700);
    try {
      await waitFor(() => win.customElements.get('sk-finder'), 'the CDN bundle defined sk-finder');
      const el = doc.createElement('sk-finder') as SkFinder;
      el.setAttribute('api', apiUrl);
      el.setAttribute('tile-url', tileUrl);
      el.setAttribute('q', 'koffieochtend');
      doc.body.append(el);
      await waitFor(() => el.shadowRoot?.querySelector('.card'), 'results rendered under the CSP');
      const scripts = () => win.performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.js'));
      assert(!scripts().some((n) => n.includes('/chunks/')), `list view loads only the entry: ${JSON.stringify(scripts())}`);
      el.view = 'map';
      await waitFor(() => el.shadowRoot!.querySelector('.leaflet-container .sk-marker'), 'map with markers under the CSP');
      assert(scripts().some((n) => /\/chunks\/finder-map-.*\.js$/.test(n)), 'the map chunk was loaded on demand');
      assertEqual(win.__violations, [], 'no CSP violations');
      assertEqual(win.__storageUse, [], 'no cookies or storage used');
    } finally {
      frame.remove();
    }
  });
});
