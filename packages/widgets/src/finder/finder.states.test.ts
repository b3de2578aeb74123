import './define.js';
import { $, $$, assert, assertEqual, cleanup, mountFinder, statusText, testConfig, waitFor, waitForResults } from '../../test/helpers.js';

describe('sk-finder: loading, empty and error states', () => {
  afterEach(cleanup);

  it('shows a Dutch loading state until the first answer', async () => {
    const { proxyUrl } = await testConfig();
    const el = await mountFinder({ api: `${proxyUrl}/delay/traag/1000/v1`, q: 'traag' });
    await waitFor(() => $(el, '.state.loading'), 'loading state');
    assert($(el, '.state.loading')!.textContent!.includes('Activiteiten zoeken'), 'Dutch loading text');
    await waitFor(() => $(el, '.state.empty'), 'then the answer (empty)');
  });

  it('explains a server error in Dutch and retries with "Opnieuw proberen"', async () => {
    const { proxyUrl } = await testConfig();
    const el = await mountFinder({ api: `${proxyUrl}/flaky/retry-${Date.now()}/v1` });
    const error = await waitFor(() => $(el, '.state.error'), 'error state');
    assertEqual(error.getAttribute('role'), 'alert', 'announced');
    assert(error.textContent!.includes('Zoeken lukt nu niet') && error.textContent!.includes('foutcode 503'), `says what happened: ${error.textContent}`);
    assertEqual(statusText(el), 'Zoeken lukt nu niet', 'status says so too');
    const retry = $$<HTMLButtonElement>(el, '.state.error button').find((b) => b.textContent === 'Opnieuw proberen')!;
    assert(retry, 'a retry button');
    retry.click();
    await waitForResults(el);
    assert(!$(el, '.state.error'), 'error gone after a good answer');
  });

  it('says the service cannot be reached when the network fails', async () => {
    const el = await mountFinder({ api: 'http://127.0.0.1:9/v1' });
    const error = await waitFor(() => $(el, '.state.error'), 'error state');
    assert(error.textContent!.includes('niet bereikbaar'), `network message: ${error.textContent}`);
  });

  it('says so when the api attribute is missing, without a retry button', async () => {
    const el = await mountFinder({ api: '' });
    el.removeAttribute('api');
    const error = await waitFor(() => $(el, '.state.error'), 'error state');
    assert(error.textContent!.includes('adres van de sociale kaart ontbreekt'), 'config message');
    assertEqual(error.querySelectorAll('button').length, 0, 'nothing to retry');
  });
});
