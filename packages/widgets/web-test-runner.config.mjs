// Browser tests in Debian's Chromium against a real search API and Meilisearch.
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultReporter, summaryReporter as wtrSummary } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { summaryReporter } from './test/server/summary-reporter.mjs';
import { tilePng } from './test/server/tile.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const summaryFile = join(here, '.test-results/summary.json');
rmSync(summaryFile, { force: true });

const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// The map's tiles in tests: a plain local tile, so no test touches the network.
const BLANK_TILE = tilePng();
// The policy a cautious HIS page sets: no eval, no inline scripts (the GP's page in the CSP referral test).
const NO_EVAL_CSP = "script-src 'self'; object-src 'none'";
const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' http://127.0.0.1:*; object-src 'none'; base-uri 'none'";

let backend;
/** Console errors of the test page and its frames, as Chrome reports them (CSP violations included), while watched. */
let consoleErrors = null;

/** Pages in a PDF as Chrome writes it (one `/Type /Page` object per page). */
function pdfPageCount(pdf) {
  return (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

/**
 * Serves the test back end's URLs, Leaflet's CSS as a module, axe-core, blank tiles and the CSP page;
 * and the server side of a few test commands: what the intake receiver got, a provider's status
 * update, the relay's request count, and the handout printed to PDF (and docs/handout-print.png).
 */
function skTestPlugin() {
  return {
    name: 'sk-test',
    async serverStart() {
      // Imported here: it needs the built workspace packages, which scripts/test.mjs makes sure of.
      const { startTestBackend } = await import('./test/server/serve-api.mjs');
      backend = await startTestBackend();
    },
    async serverStop() {
      await backend?.stop();
    },
    async executeCommand({ command, payload, session }) {
      if (command === 'sk-referrals-received') return backend.receivedReferrals();
      if (command === 'sk-referral-post-status') return backend.postStatus(payload.referralId, payload.status, payload.reason);
      if (command === 'sk-referral-posts') return backend.referralPosts();
      if (command === 'sk-referrer-token') return backend.issueReferrerToken();
      if (command === 'sk-referrer-tokens-expire') return backend.expireReferrerTokens() ?? true;
      if (command === 'sk-referral-authorizations') return backend.referralAuthorizations();
      if (command === 'sk-inbox-referrals') return backend.inboxReferrals();
      if (command === 'sk-inbox-rotate-key') return backend.rotateInboxKey();
      if (command === 'sk-referral-append-status') return backend.appendStatus(payload.referralId, payload.entry);
      if (command === 'sk-referral-hand-to-colleague') return backend.handToColleague(payload.referralId);
      if (command === 'sk-console-watch') {
        // Registered before the test loads the page it watches: nothing logged while it loads is missed.
        consoleErrors = [];
        const page = session.browser.getPage(session.id);
        const onConsole = (message) => {
          if (message.type() === 'error') consoleErrors?.push(message.text());
        };
        page.on('console', onConsole);
        page.on('pageerror', (error) => consoleErrors?.push(`pageerror: ${error.message}`));
        return true;
      }
      if (command === 'sk-console-errors') return consoleErrors ?? [];
      if (command === 'sk-print-handout') {
        // Print media as Chrome prints: a real A4 PDF (its page count), and a screenshot of the printed page.
        const page = session.browser.getPage(session.id);
        const viewport = page.viewport();
        await page.emulateMediaType('print');
        try {
          let screenshot = 0;
          if (payload?.screenshot) {
            // An A4 sheet at 96 dpi with the 12 mm page margin of the print stylesheet.
            await page.setViewport({ width: 794, height: 1123, deviceScaleFactor: 1 });
            await page.evaluate(() => {
              document.body.style.setProperty('padding', '12mm', 'important');
              window.scrollTo(0, 0);
            });
            const png = await page.screenshot({ path: join(here, 'docs/handout-print.png'), fullPage: true });
            screenshot = png.length;
            await page.evaluate(() => document.body.style.removeProperty('padding'));
          }
          // Last: Chrome fires beforeprint/afterprint around it, as for a real print.
          const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
          return { pages: pdfPageCount(pdf), pdfBytes: pdf.length, screenshot };
        } finally {
          await page.emulateMediaType(null);
          if (viewport) await page.setViewport(viewport);
        }
      }
      return undefined;
    },
    resolveImport({ source }) {
      if (source === 'leaflet/dist/leaflet.css?inline') return '/__sk/leaflet-css.js';
      // @hpke/core falls back to Node's `crypto` where WebCrypto is missing; never in Chromium.
      // An empty module, as Vite's build makes of it (the browser-external chunk).
      if (source === 'crypto') return '/__sk/browser-external.js';
      return undefined;
    },
    serve(context) {
      const path = context.path;
      if (path === '/__sk/config.json') {
        return { body: JSON.stringify({ apiUrl: backend.apiUrl, staleApiUrl: backend.staleApiUrl, manyApiUrl: backend.manyApiUrl, proxyUrl: backend.proxyUrl, tileUrl: '/__sk/tiles/{z}/{x}/{y}.png' }), type: 'json' };
      }
      if (path === '/__sk/leaflet-css.js') {
        const css = readFileSync(require.resolve('leaflet/dist/leaflet.css'), 'utf8');
        return { body: `export default ${JSON.stringify(css)};`, type: 'js' };
      }
      if (path === '/__sk/browser-external.js') return { body: 'export {};', type: 'js' };
      if (path === '/__sk/axe.js') {
        return { body: readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'), type: 'js' };
      }
      if (path.startsWith('/__sk/tiles/')) {
        context.set('cache-control', 'no-store');
        return { body: BLANK_TILE, type: 'png' };
      }
      if (path === '/__sk/csp-referral.html') {
        context.set('content-security-policy', NO_EVAL_CSP);
        return { body: readFileSync(join(here, 'test/csp.html'), 'utf8'), type: 'html' };
      }
      if (path === '/__sk/csp.html') {
        context.set('content-security-policy', STRICT_CSP);
        return { body: readFileSync(join(here, 'test/csp.html'), 'utf8'), type: 'html' };
      }
      return undefined;
    },
  };
}

export default {
  rootDir: here,
  files: ['src/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'production'] },
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 15_000, ui: 'bdd' } },
  plugins: [skTestPlugin(), esbuildPlugin({ ts: true, tsconfig: join(here, 'tsconfig.json'), target: 'es2022' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-dev-shm-usage'],
      },
    }),
  ],
  reporters: [defaultReporter({ reportTestResults: true, reportTestProgress: false }), wtrSummary({ flatten: false }), summaryReporter(summaryFile)],
};
