/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The "Sleutel voor verwijzingen" page: creates the team's key pair in this browser
 * (WebCrypto), keeps its private key non-extractable in IndexedDB, offers the recovery file
 * as a download, publishes only the public JWK, and imports a recovery file on a second device.
 * A new key made with the previous recovery file carries every previous key in its file.
 */
// First: zod must not probe `new Function` under the portal's CSP (see @sociale-kaart/sealing/jitless).
import '@sociale-kaart/sealing/jitless';
import { createReferralKey, readRecoveryKeyring, recoveryFileName, recoveryFileText, rotateReferralKey, type ReferralKeyPair } from '@sociale-kaart/sealing';
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
  const previousFile = (document.getElementById('k-previous-file') as HTMLInputElement | null)?.files?.[0];
  const previousPassphrase = (document.getElementById('k-previous-passphrase') as HTMLInputElement | null)?.value ?? '';
  if (previousFile && !previousPassphrase) return say(out, m.key.previousPassphraseMissing, 'error');
  say(out, m.key.working);
  try {
    // With the previous file, the new recovery file (and this device) gets every previous key too.
    const { key, recoveryFile, keys } = previousFile
      ? await rotateReferralKey(passphrase.value, { file: await previousFile.text(), passphrase: previousPassphrase }).then((r) => ({ ...r, keys: r.keyring.list() }))
      : await createReferralKey(passphrase.value).then((r) => ({ ...r, keys: [r.key] }));
    await putKeys(organisationId, keys, key.kid);
    await api(organisationId, '/referral-key', { method: 'PUT', body: key.publicJwk, csrf });
    const hadPublished = publishedKid !== '';
    publishedKid = key.kid;
    document.getElementById('published-key')!.textContent = m.key.publishedKid(key.kid);
    say(out, m.key.created, 'ok');
    const older = keys.length - 1;
    if (older > 0 || hadPublished) addLine(out, older > 0 ? m.key.carriesOlder(older) : m.key.carriesOnlyNew);
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

/** Stores keys on this device; `current` becomes the current one, the others join as older keys. */
async function putKeys(organisationId: string, keys: Iterable<ReferralKeyPair>, current: string | undefined): Promise<void> {
  const store = await openKeystore(organisationId);
  try {
    for (const k of keys) await store.put(k, { current: k.kid === current });
  } finally {
    store.close();
  }
}

function addLine(out: Element, text: string): void {
  const p = document.createElement('p');
  p.textContent = text;
  out.append(p);
}

const importForm = document.getElementById('import-key') as HTMLFormElement;
importForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const out = document.getElementById('import-result')!;
  const file = (document.getElementById('k-file') as HTMLInputElement).files?.[0];
  if (!file) return say(out, m.key.noFile, 'error');
  say(out, m.key.working);
  try {
    const keyring = await readRecoveryKeyring(await file.text(), (document.getElementById('k-import-passphrase') as HTMLInputElement).value);
    const store = await openKeystore(organisationId);
    const hasCurrent = (await store.list()).some((k) => k.kid === publishedKid);
    store.close();
    // The published key is the one to open new referrals with; older ones only join the keyring.
    const current = keyring.has(publishedKid) ? publishedKid : hasCurrent ? undefined : keyring.current!.kid;
    await putKeys(organisationId, keyring.list().reverse(), current);
    say(out, m.key.imported, 'ok');
    if (keyring.size > 1) addLine(out, m.key.importedOlder(keyring.size - 1));
    importForm.reset();
  } catch (err) {
    say(out, `${m.key.failed} ${explain(err, lang)}`, 'error');
  }
  await showDeviceKeys();
});

void showDeviceKeys();
