// The same crypto in real Chromium (Debian's, driven by playwright-core): the package bundled
// for the browser as a site ships it, served on loopback. Seal in the page and open in Node,
// seal in Node and open in the page from the IndexedDB keystore after a reload, and carry a
// key between the two through its recovery file.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bundle, gzipSize } from '../scripts/bundle.mjs';
import { createReferralKey, openReferral, readRecoveryFile, sealReferral, writeRecoveryFile, generateExtractableKeyPair, type RecoveryFile } from '../src/index.js';
import { patientPart, publicPart } from './fixtures.js';

const PAGE = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>sealing</title></head><body>
<script type="module">
  import * as seal from '/seal.js';
  import * as full from '/full.js';
  window.seal = seal;
  window.full = full;
  document.body.dataset.ready = 'yes';
</script></body></html>`;

const passphrase = 'de fiets staat achter het hek';

let server: Server;
let origin: string;
let browser: Browser;
let context: BrowserContext;
let bundles: { seal: string; full: string };

beforeAll(async () => {
  bundles = await bundle();
  const files: Record<string, [string, string]> = {
    '/': ['text/html; charset=utf-8', PAGE],
    '/seal.js': ['text/javascript', bundles.seal],
    '/full.js': ['text/javascript', bundles.full],
  };
  server = createServer((req, res) => {
    const file = files[req.url ?? ''];
    res.writeHead(file ? 200 : 404, { 'content-type': file?.[0] ?? 'text/plain' }).end(file?.[1] ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  // One context for the whole file: IndexedDB lives as long as it does, across reloads.
  context = await browser.newContext();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

async function openPage(): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(origin);
  await page.waitForSelector('body[data-ready="yes"]', { state: 'attached' });
  expect(errors).toEqual([]);
  return page;
}

declare global {
  interface Window {
    seal: typeof import('../src/seal.js');
    full: typeof import('../src/index.js');
  }
}

describe('in Chromium', () => {
  test('sealed in the page with the seal-only entry, opened in Node', async () => {
    const key = await generateExtractableKeyPair();
    const page = await openPage();
    const sealed = await page.evaluate(
      ([jwk, part, pub]) => window.seal.sealReferral(jwk, { kid: jwk.kid }, part, pub),
      [key.publicJwk, patientPart, publicPart] as const,
    );
    expect(await openReferral(key, sealed, publicPart)).toEqual(patientPart);
    await page.close();
  });

  test('a key made in the page is kept non-extractable in IndexedDB and still opens after a reload', async () => {
    const page = await openPage();
    const made = await page.evaluate(async (pass) => {
      const { key, recoveryFile } = await window.full.createReferralKey(pass);
      const store = await window.full.Keystore.open('test-keys');
      await store.put(key);
      store.close();
      return { publicJwk: key.publicJwk, recoveryFile };
    }, passphrase);
    const sealed = await sealReferral(made.publicJwk, { kid: made.publicJwk.kid }, patientPart, publicPart);

    await page.reload();
    await page.waitForSelector('body[data-ready="yes"]', { state: 'attached' });
    const after = await page.evaluate(
      async ([s, pub]) => {
        const store = await window.full.Keystore.open('test-keys');
        const [stored] = await store.list();
        const keyring = await store.keyring();
        store.close();
        const exported = await crypto.subtle.exportKey('jwk', stored!.privateKey).then(
          () => 'exported',
          (e: Error) => e.name,
        );
        return {
          opened: await window.full.openReferral(keyring, s, pub),
          extractable: stored!.privateKey.extractable,
          isCryptoKey: stored!.privateKey instanceof CryptoKey,
          current: stored!.current,
          exported,
        };
      },
      [sealed, publicPart] as const,
    );
    expect(after).toEqual({ opened: patientPart, extractable: false, isCryptoKey: true, current: true, exported: 'InvalidAccessError' });

    // The recovery file written in the page opens in Node (a second coach's device).
    const second = await readRecoveryFile(made.recoveryFile, passphrase);
    expect(await openReferral(second, sealed, publicPart)).toEqual(patientPart);
    expect((made.recoveryFile as RecoveryFile).kdf.iterations).toBeGreaterThanOrEqual(600_000);
    await page.close();
  });

  test('a recovery file from Node goes into the page as an older key; both keys open their referrals', async () => {
    const { key: older, recoveryFile } = await createReferralKey(passphrase, { now: () => new Date('2026-01-01T00:00:00Z') });
    const page = await openPage();
    const current = await page.evaluate(
      async ([file, pass]) => {
        const store = await window.full.Keystore.open('rotation-keys');
        const { key } = await window.full.createReferralKey(pass);
        await store.put(key);
        await store.put(await window.full.readRecoveryFile(file, pass), { current: false });
        store.close();
        return key.publicJwk;
      },
      [recoveryFile, passphrase] as const,
    );
    const toOlder = await sealReferral(older.publicJwk, { kid: older.kid }, patientPart, publicPart);
    const toCurrent = await sealReferral(current, { kid: current.kid }, { ...patientPart, note: 'na de rotatie' }, publicPart);
    const stranger = await generateExtractableKeyPair();
    const toStranger = await sealReferral(stranger.publicJwk, { kid: stranger.kid }, patientPart, publicPart);

    await page.reload();
    await page.waitForSelector('body[data-ready="yes"]', { state: 'attached' });
    const result = await page.evaluate(
      async ([a, b, c, pub]) => {
        const store = await window.full.Keystore.open('rotation-keys');
        const keyring = await store.keyring();
        const kids = (await store.list()).map((k) => [k.kid, k.current, k.privateKey.extractable]);
        store.close();
        const unknown = await window.full.openReferral(keyring, c, pub).catch((e) => ({ code: e.code, nl: e.messageIn('nl') }));
        const opened = { older: await window.full.openReferral(keyring, a, pub), current: await window.full.openReferral(keyring, b, pub) };
        // Undo the rotation, then forget the newer key: its referrals no longer open here.
        const [newest, oldest] = kids.map((k) => k[0] as string);
        const again = await window.full.Keystore.open('rotation-keys');
        await again.setCurrent(oldest!);
        const currentAfter = (await again.keyring()).current?.kid;
        await again.delete(newest!);
        const forgotten = await window.full.openReferral(await again.keyring(), b, pub).catch((e) => e.code);
        again.close();
        return { kids, ...opened, unknown, currentAfter, forgotten };
      },
      [toOlder, toCurrent, toStranger, publicPart] as const,
    );
    expect(result.kids).toEqual([
      [current.kid, true, false],
      [older.kid, false, false],
    ]);
    expect(result.older).toEqual(patientPart);
    expect(result.current.note).toBe('na de rotatie');
    expect(result.currentAfter).toBe(older.kid);
    expect(result.forgotten).toBe('unknown_key');
    expect(result.unknown).toMatchObject({ code: 'unknown_key', nl: expect.stringMatching(/^Deze verwijzing kan niet worden geopend: hij is versleuteld met een sleutel die niet op dit apparaat staat/) });
    await page.close();
  });

  test('the keystore refuses an extractable private key', async () => {
    const page = await openPage();
    const refused = await page.evaluate(async () => {
      const store = await window.full.Keystore.open('refusing-keys');
      const error = await store.put(await window.full.generateExtractableKeyPair()).catch((e) => e.code);
      const count = (await store.list()).length;
      store.close();
      return { error, count };
    });
    expect(refused).toEqual({ error: 'extractable_key', count: 0 });
    await page.close();
  });

  test('a wrong passphrase in the page is the typed error, in Dutch', async () => {
    const file = await writeRecoveryFile(await generateExtractableKeyPair(), passphrase);
    const page = await openPage();
    const error = await page.evaluate(
      ([f]) => window.full.readRecoveryFile(f, 'een ander wachtwoord').catch((e) => ({ code: e.code, nl: e.messageIn('nl') })),
      [file] as const,
    );
    expect(error).toEqual({ code: 'recovery_passphrase', nl: 'Het herstelbestand kan niet worden geopend: het wachtwoord klopt niet. Let op hoofdletters en spaties.' });
    await page.close();
  });
});

describe('the seal-only entry', () => {
  test('leaves out the opening, keystore and recovery code', () => {
    for (const marker of ['indexedDB', 'PBKDF2', 'sociale-kaart/referral-key-recovery']) {
      expect(bundles.full).toContain(marker);
      expect(bundles.seal).not.toContain(marker);
    }
  });

  test('adds at most 16 kB gzip to a chunk that already has zod and the schema', async () => {
    const beside = await bundle({ external: ['zod', '@sociale-kaart/schema'] });
    expect(gzipSize(beside.seal)).toBeLessThan(16 * 1024);
    expect(gzipSize(beside.seal)).toBeLessThan(gzipSize(beside.full));
  });
});
