/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The "Sleutel voor verwijzingen" page: creates the team's key pair in this browser
 * (WebCrypto), keeps its private key non-extractable in IndexedDB, offers the recovery file
 * as a download, publishes only the public JWK, and imports a recovery file on a second device.
 */
// First: zod must not probe `new Function` under the portal's CSP (see @sociale-kaart/sealing/jitless).
import '@sociale-kaart/sealing/jitless';
import { createReferralKey, readRecoveryFile, recoveryFileName, recoveryFileText } from '@sociale-kaart/sealing';
import { api, explain, messagesOf, openKeystore, say } from './common.js';

const root = document.getElementById('key-app') as HTMLElement;
const { lang, m } = messagesOf(root);
const organisationId = root.dataset.organisation ?? '';
const csrf = root.dataset.csrf ?? '';
let publishedKid = root.dataset.publishedKid ?? '';

for (const el of root.querySelectorAll<HTMLElement>('[data-needs-script]')) el.hidden = false;

async function showDeviceKeys(): Promise<void> {
  const store = await openKeystore(organisationId);
  const keys = await store.list();
  store.close();
  const el = document.getElementById('device-keys')!;
  if (keys.length === 0) el.textContent = m.key.onDeviceNone;
  else el.textContent = `${m.key.onDeviceList(keys.length)} ${publishedKid && !keys.some((k) => k.kid === publishedKid) ? m.key.onDeviceMissing : publishedKid ? m.key.onDeviceCurrent : ''}`.trim();
}

/** A hint, not a gate beyond the library's 12 characters: length and separate words are what make a passphrase strong. */
function strength(passphrase: string): string {
  const length = [...passphrase.trim()].length;
  if (length < 12) return m.key.weakShort;
  const words = passphrase.trim().split(/\s+/).length;
  return length >= 20 && words >= 4 ? m.key.strong : m.key.weakFair;
}

const createForm = document.getElementById('create-key') as HTMLFormElement;
const passphrase = document.getElementById('k-passphrase') as HTMLInputElement;
passphrase.addEventListener('input', () => {
  document.getElementById('k-strength')!.textContent = passphrase.value ? strength(passphrase.value) : '';
});

createForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const out = document.getElementById('create-result')!;
  const repeat = (document.getElementById('k-repeat') as HTMLInputElement).value;
  if (passphrase.value !== repeat) return say(out, m.key.mismatch, 'error');
  say(out, m.key.working);
  try {
    const { key, recoveryFile } = await createReferralKey(passphrase.value);
    const store = await openKeystore(organisationId);
    await store.put(key);
    store.close();
    await api(organisationId, '/referral-key', { method: 'PUT', body: key.publicJwk, csrf });
    publishedKid = key.kid;
    document.getElementById('published-key')!.textContent = m.key.publishedKid(key.kid);
    say(out, m.key.created, 'ok');
    const link = document.createElement('a');
    link.className = 'utrecht-button-link utrecht-button-link--primary-action';
    link.href = URL.createObjectURL(new Blob([recoveryFileText(recoveryFile)], { type: 'application/json' }));
    link.download = recoveryFileName(recoveryFile);
    link.textContent = m.key.download;
    out.append(link);
    createForm.reset();
    document.getElementById('k-strength')!.textContent = '';
  } catch (err) {
    say(out, `${m.key.failed} ${explain(err, lang)}`, 'error');
  }
  await showDeviceKeys();
});

const importForm = document.getElementById('import-key') as HTMLFormElement;
importForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const out = document.getElementById('import-result')!;
  const file = (document.getElementById('k-file') as HTMLInputElement).files?.[0];
  if (!file) return say(out, m.key.noFile, 'error');
  say(out, m.key.working);
  try {
    const key = await readRecoveryFile(await file.text(), (document.getElementById('k-import-passphrase') as HTMLInputElement).value);
    const store = await openKeystore(organisationId);
    const hasCurrent = (await store.list()).some((k) => k.kid === publishedKid);
    // The published key is the one to open new referrals with; an older one only joins the keyring.
    await store.put(key, { current: key.kid === publishedKid || !hasCurrent });
    store.close();
    say(out, m.key.imported, 'ok');
    importForm.reset();
  } catch (err) {
    say(out, `${m.key.failed} ${explain(err, lang)}`, 'error');
  }
  await showDeviceKeys();
});

void showDeviceKeys();
