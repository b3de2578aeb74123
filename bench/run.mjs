#!/usr/bin/env node
// Sociale Kaart benchmarks: ingest, search API and widget, each against its baseline in
// the same run on the same machine. Prints Markdown tables, writes bench/results/latest.json.
//
//   node bench/run.mjs [--quick] [--n 100000] [--only ingest|search|widget[,…]] [--seed 42] [--profile]
//
// Builds nothing: run `pnpm build` (or `npm test`) first. Starts and stops its own
// Meilisearch, search API, page server and Chromium.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMeilisearch } from '@sociale-kaart/meili';
import { ingestTable, ingestWithCli, runIngestSection } from './lib/ingest.mjs';
import { machineInfo, machineLine } from './lib/machine.mjs';
import { meiliApi } from './lib/meili.mjs';
import { writeFeeds } from './lib/feeds.mjs';
import { startApi, startBareProxy } from './lib/api.mjs';
import { pinProblem, pinProcesses } from './lib/pin.mjs';
import { cleanupAll, installSignalHandlers, killChild, onCleanup, wasInterrupted } from './lib/procs.mjs';
import { relevanceTable, runRelevanceSection } from './lib/relevance.mjs';
import { summaryTable } from './lib/summary.mjs';
import { equalityDiff, runSearchSection, searchTables } from './lib/search.mjs';
import { fmtInt } from './lib/stats.mjs';
import { profileTables, summarizeProfile } from './lib/profile.mjs';
import { runWidgetSection, startPageServer, widgetTables } from './lib/widget.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const SECTIONS = ['ingest', 'search', 'widget', 'relevance'];
const LIVE_INDEX = 'activities';

const USAGE = `Usage: node bench/run.mjs [--quick] [--n N] [--only ${SECTIONS.join('|')}[,…]] [--seed S]

  --quick      small sizes and short runs (≤ 3 minutes on 2 cores)
  --n N        largest feed size (default 100000, quick 20000); ingest also runs N/4 and N/2
  --only LIST  run only these sections (search and widget still ingest the largest feed once)
  --seed S     seed of the feed generator and the query samples (default 42)
  --profile    run the search API under node --cpu-prof and print where its CPU goes
               (the .cpuprofile stays in bench/results/profiles/)
  --pin        Meilisearch on one core, the API, proxy and load client on the other (taskset):
               the API on its own core; writes bench/results/pinned.{json,md}

Needs the built workspace (pnpm build, or npm test which builds it) and Chromium for the widget section.`;

function parseArgs(argv) {
  const opts = { quick: false, n: null, only: [...SECTIONS], seed: 42 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--') continue; // forwarded by pnpm/npm
    else if (a === '--help' || a === '-h') opts.help = true;
    else if (a === '--quick') opts.quick = true;
    else if (a === '--profile') opts.profile = true;
    else if (a === '--pin') opts.pin = true;
    else if (a === '--n' || a.startsWith('--n=')) {
      opts.n = Number(value());
      if (!Number.isInteger(opts.n) || opts.n < 100) throw new Error('--n must be a whole number ≥ 100');
    } else if (a === '--only' || a.startsWith('--only=')) {
      opts.only = value().split(',').map((s) => s.trim()).filter(Boolean);
      const bad = opts.only.filter((s) => !SECTIONS.includes(s));
      if (bad.length) throw new Error(`--only: unknown section ${bad.join(', ')} (one of ${SECTIONS.join(', ')})`);
    } else if (a === '--seed' || a.startsWith('--seed=')) opts.seed = Number(value());
    else throw new Error(`unknown argument ${a}\n\n${USAGE}`);
  }
  return opts;
}

function settingsFor(opts) {
  const max = opts.n ?? (opts.quick ? 20_000 : 100_000);
  const sizes = [...new Set([Math.round(max / 4), Math.round(max / 2), max])];
  return {
    mode: opts.quick ? 'quick' : 'full',
    seed: opts.seed,
    sizes,
    max,
    equalityQueries: opts.quick ? 40 : 200,
    load: opts.quick
      ? { durationMs: 2000, warmupMs: 500, rounds: 2, concurrencies: [1, 16], queryCount: 200 }
      : { durationMs: 8000, warmupMs: 1500, rounds: 4, concurrencies: [1, 16], queryCount: 500 },
    widget: { queries: 50, warmup: opts.quick ? 3 : 6, keyDelayMs: 30, seed: opts.seed },
  };
}

const paths = {
  indexerBin: join(ROOT, 'packages/indexer/bin/sociale-kaart-index.js'),
  indexerDist: join(ROOT, 'packages/indexer/dist/cli.js'),
  apiBin: join(ROOT, 'packages/search-api/bin/sociale-kaart-api.js'),
  apiDist: join(ROOT, 'packages/search-api/dist/server.js'),
  widgetsDir: join(ROOT, 'packages/widgets'),
  widgetsCdn: join(ROOT, 'packages/widgets/dist/cdn/sociale-kaart.js'),
  pagesDir: join(HERE, 'pages'),
};
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** What each section needs that the bench does not build itself. */
function missingFor(section) {
  const need = [];
  const build = (pkg, file) => !existsSync(file) && need.push(`${relative(ROOT, file)} is missing: build it with \`pnpm --filter @sociale-kaart/${pkg} build\` (or \`pnpm build\`)`);
  build('schema', join(ROOT, 'packages/schema/dist/index.js'));
  build('meili', join(ROOT, 'packages/meili/dist/index.js'));
  build('indexer', paths.indexerDist); // every section needs the indexed feed
  if (section !== 'ingest') build('search-api', paths.apiDist);
  if (section === 'relevance' && !existsSync(join(ROOT, 'examples/feeds/manifest.json'))) need.push('examples/feeds/manifest.json is missing: generate the demo feeds with `node examples/scripts/generate-demo-feeds.mjs`');
  if (section === 'widget') {
    build('widgets', paths.widgetsCdn);
    if (!existsSync(chromiumPath)) need.push(`Chromium is missing at ${chromiumPath}: install Debian's chromium (npm test does) or set CHROMIUM_PATH`);
  }
  return need;
}

const t0 = performance.now();
const log = (line) => process.stderr.write(`[${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) {
    console.log(USAGE);
    return 0;
  }
  installSignalHandlers();
  if (opts.pin && pinProblem()) throw new Error(pinProblem());
  const settings = settingsFor(opts);
  const result = { mode: settings.mode, settings, pinned: opts.pin === true, machine: null, sections: {}, notRun: {}, failures: [] };
  const sections = SECTIONS.filter((s) => opts.only.includes(s));
  const runnable = [];
  for (const s of sections) {
    const missing = missingFor(s);
    if (missing.length) {
      result.notRun[s] = missing.join('; ');
      log(`✗ ${s}: not run — ${missing.join('; ')}`);
    } else runnable.push(s);
  }

  const tmp = mkdtempSync(join(tmpdir(), 'sk-bench-'));
  onCleanup(() => rmSync(tmp, { recursive: true, force: true }));
  const ctx = { root: ROOT, tmp, paths, chromiumPath };

  let meili = null;
  if (runnable.length) {
    meili = await startMeilisearch({ logLevel: 'WARN' });
    onCleanup(() => meili.stop());
  }
  const api = meili ? meiliApi(meili) : null;
  result.machine = machineInfo({ meiliVersion: api ? (await api.request('GET', '/version')).pkgVersion : null });
  log(`${settings.mode} run · ${machineLine(result.machine)}`);

  if (runnable.includes('relevance')) {
    log('relevance: the judged GP queries over the demo data, with and without query understanding');
    try {
      result.sections.relevance = await runRelevanceSection({ ctx, meili, log });
    } catch (err) {
      result.failures.push({ section: 'relevance', message: err.message });
      log(`✗ relevance failed: ${err.message}`);
    }
  }

  if (runnable.some((s) => s !== 'relevance')) {
    const feedSizes = runnable.includes('ingest') ? settings.sizes : [settings.max];
    log(`generating feeds (${feedSizes.map(fmtInt).join(', ')} records, seed ${settings.seed}) in ${tmp}`);
    const feeds = await writeFeeds({ dir: tmp, sizes: feedSizes, seed: settings.seed });
    log(`  feeds written in ${feeds.seconds.toFixed(1)} s`);
    result.feedGenerationSeconds = Math.round(feeds.seconds * 10) / 10;

    let documents = null;
    if (runnable.includes('ingest')) {
      try {
        result.sections.ingest = await runIngestSection({ ctx, meili, api, feeds: feeds.files, sizes: settings.sizes, liveIndex: LIVE_INDEX, log });
        documents = result.sections.ingest.rows.at(-1).documents;
      } catch (err) {
        result.failures.push({ section: 'ingest', message: err.message });
        log(`✗ ingest failed: ${err.message}`);
      }
    }
    const needIndex = runnable.some((s) => s === 'search' || s === 'widget');
    if (needIndex && documents === null) {
      log(`indexing ${fmtInt(settings.max)} records for the search and widget sections`);
      await api.deleteAllIndexes();
      documents = (await ingestWithCli({ ctx, meili, api, feed: feeds.files[settings.max], index: LIVE_INDEX, log })).documents;
    }

    let apiBase = null;
    let pageServer = null;
    let apiService = null;
    let cachedBase = null;
    let noStore = null;
    let pinFront = () => {};
    const profileDir = join(HERE, 'results/profiles', new Date().toISOString().replace(/[:.]/g, '-'));
    if (needIndex) {
      if (runnable.includes('widget')) pageServer = await startPageServer({ pagesDir: paths.pagesDir, widgetsDist: join(paths.widgetsDir, 'dist') });
      const nodeFlags = opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
      // The API without its response cache: the kinds compare it with Meilisearch asked directly.
      const started = await startApi({ ctx, meili, index: LIVE_INDEX, nodeFlags, args: ['--cache-size', '0', ...(pageServer ? ['--cors-origins', pageServer.origin] : [])] });
      apiBase = started.url;
      apiService = started.service;
      let cachedPid = null;
      if (runnable.includes('search')) {
        const cachedApi = await startApi({ ctx, meili, index: LIVE_INDEX, name: 'sociale-kaart-api (response cache on)' });
        cachedBase = cachedApi.url;
        cachedPid = cachedApi.service.child.pid;
        // Info: the API as it was before its hit store, every hit field asked of Meilisearch.
        const noStoreApi = await startApi({ ctx, meili, index: LIVE_INDEX, name: 'sociale-kaart-api (hit store off)', args: ['--cache-size', '0', '--hit-store-size', '0'] });
        noStore = { url: noStoreApi.url, pid: noStoreApi.service.child.pid };
      }
      pinFront = (pid) => opts.pin && pinProcesses({ meili: meili.pid, front: [apiService.child.pid, cachedPid, noStore?.pid, pid] });
      pinFront(null);
      log(`search API at ${apiBase} over ${fmtInt(documents)} documents`);
    }

    if (runnable.includes('search')) {
      log('search: nearby equality check, then load (API and direct take turns)');
      try {
        const proxy = await startBareProxy({ meili });
        pinFront(proxy.pid);
        const section = await runSearchSection({ apiBase, cachedBase, noStoreBase: noStore?.url, proxy, meili, index: LIVE_INDEX, documents, settings, pids: { api: apiService?.child.pid, meili: meili.pid, proxy: proxy.pid, nostore: noStore?.pid }, log });
        result.sections.search = section;
        if (section.equality.failures.length) {
          result.failures.push({ section: 'search', message: `nearby equality check failed for ${section.equality.failures.length} of ${section.equality.checked} queries` });
        }
      } catch (err) {
        result.failures.push({ section: 'search', message: err.message });
        log(`✗ search failed: ${err.message}`);
      }
    }
    if (runnable.includes('widget')) {
      log(`widget: sizes, then ${settings.widget.queries} typed queries per page in headless Chromium`);
      try {
        result.sections.widget = await runWidgetSection({ ctx, apiBase, pageServer, settings: settings.widget, log });
        result.sections.widget.documents = documents;
      } catch (err) {
        result.failures.push({ section: 'widget', message: err.message });
        log(`✗ widget failed: ${err.message}`);
      }
    }
    if (apiService && opts.profile && !wasInterrupted()) {
      // The profile is written when the API exits (it stops cleanly on SIGTERM).
      await killChild(apiService.child, 10_000);
      try {
        const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
        result.apiProfile = summarizeProfile(join(profileDir, file), ROOT);
        log(`API CPU profile: ${relative(ROOT, result.apiProfile.file)}`);
      } catch (err) {
        result.failures.push({ section: 'profile', message: `no CPU profile from the API: ${err.message}` });
      }
    }
  }

  if (wasInterrupted()) return 130; // the signal handler is cleaning up; keep the last complete results
  result.durationSeconds = Math.round((performance.now() - t0) / 100) / 10;
  const md = report(result);
  process.stdout.write(`${md}\n`);
  if (runnable.length) {
    mkdirSync(join(HERE, 'results'), { recursive: true });
    const name = opts.pin ? 'pinned' : 'latest';
    writeFileSync(join(HERE, `results/${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(join(HERE, `results/${name}.md`), `${md}\n`);
    log(`wrote bench/results/${name}.json and ${name}.md (${result.durationSeconds} s)`);
  }
  const eq = result.sections.search?.equality;
  if (eq?.failures.length) {
    process.stderr.write(`\n✗ NEARBY EQUALITY CHECK FAILED: the API's top 20 differs from the naive query for ${eq.failures.length} of ${eq.checked} queries:\n${equalityDiff(eq.failures)}\n`);
  }
  for (const f of result.failures) if (!f.message.startsWith('nearby equality')) process.stderr.write(`✗ ${f.section}: ${f.message.split('\n')[0]}\n`);
  return result.failures.length || Object.keys(result.notRun).length ? 1 : 0;
}

function report(r) {
  const out = [`## Bench (${r.mode}) — ${r.machine ? machineLine(r.machine) : ''}`, ''];
  if (r.pinned) out.push('**Pinned** (`--pin`): Meilisearch on CPU 0, the API, the bare proxy and this load client on CPU 1 (taskset). Both sides ask the same one-core Meilisearch; the API does not take CPU from it.', '');
  out.push(`Feed: ${fmtInt(r.settings.max)} generated HSDS records (seed ${r.settings.seed}, examples/scripts/activity-generator.mjs, 'nl' places). Total run ${r.durationSeconds} s. One shared, noisy 2-core machine: ratios come from the same run, API and baseline take turns (ABBA…) after a warm-up.`, '');
  const section = (name, title, body) => {
    out.push(`### ${title}`, '');
    if (r.sections[name]) out.push(body(r.sections[name]), '');
    else if (r.notRun[name]) out.push(`Not run: ${r.notRun[name]}`, '');
    else {
      const f = r.failures.find((x) => x.section === name);
      out.push(f ? `Failed: ${f.message.split('\n')[0]}` : 'Not selected (--only).', '');
    }
  };
  section('ingest', '1. Ingest: `sociale-kaart-index ingest` vs Meilisearch direct (same final documents, batches of 5 000)', ingestTable);
  section('search', `2. Search: API vs Meilisearch direct (${r.sections.search ? fmtInt(r.sections.search.documents) : '?'} documents)`, searchTables);
  section('widget', `3. Widget: sizes, and last keystroke → results rendered in headless Chromium`, widgetTables);
  section('relevance', '4. Relevance: the judged GP queries over the demo data', relevanceTable);
  out.push('### Summary: the goals of the search issue (ratios from this run)', '', summaryTable(r, paths.widgetsDir), '');
  if (r.apiProfile) out.push('### Profile: search API', '', profileTables(r.apiProfile), '');
  return out.join('\n');
}

let code = 1;
try {
  code = await main();
} catch (err) {
  process.stderr.write(`\nbench failed: ${err.stack ?? err.message}\n`);
  code = 1;
} finally {
  await cleanupAll();
}
process.exit(code);
