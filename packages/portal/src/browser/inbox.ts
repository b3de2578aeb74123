/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The inbox pages' script: opens sealed referrals with the keys in this browser's keystore
 * and shows them as text; re-seals a referral to another organisation's key for a warm
 * handover. What it opens stays in this page: no request ever carries it (the handover
 * sends only the new sealed payload).
 */
// First: zod must not probe `new Function` under the portal's CSP (see @sociale-kaart/sealing/jitless).
import '@sociale-kaart/sealing/jitless';
import { referralPublicPart, type SealedPatientPart, type SealedReferral } from '@sociale-kaart/schema';
import { openReferral, sealReferral, type Keyring, type ReferralPublicKey } from '@sociale-kaart/sealing';
import { api, explain, messagesOf, openKeystore, say } from './common.js';
import type { InboxLang, InboxMessages } from '../pages/inbox-i18n.js';

interface InboxReferral {
  referralId: string;
  status: string;
  sealed: SealedReferral | null;
  publicPart: Record<string, unknown> | null;
}

async function keyringOf(organisationId: string): Promise<Keyring> {
  const store = await openKeystore(organisationId);
  try {
    return await store.keyring();
  } finally {
    store.close();
  }
}

type PublicPart = Parameters<typeof openReferral>[2];

/** The list: each row's name, opened here; a row that does not open says so in its own cell. */
async function fillList(table: HTMLElement, lang: InboxLang, m: InboxMessages): Promise<void> {
  const keyring = await keyringOf(table.dataset.organisation ?? '');
  if (keyring.list().length === 0) document.getElementById('inbox-key-missing')!.hidden = false;
  for (const cell of table.querySelectorAll<HTMLElement>('td[data-sealed]')) {
    try {
      const part = await openReferral(keyring, JSON.parse(cell.dataset.sealed!), JSON.parse(cell.dataset.publicPart!) as PublicPart);
      cell.textContent = part.patient.name;
    } catch (err) {
      cell.textContent = `${m.referral.cannotOpen} ${explain(err, lang)}`;
      cell.classList.add('field-error');
    }
  }
}

function details(m: InboxMessages, part: SealedPatientPart): HTMLElement {
  const r = m.referral;
  const dl = document.createElement('dl');
  dl.className = 'portal-facts';
  const row = (label: string, value: string, id: string) => {
    const dt = document.createElement('dt');
    dt.textContent = label;
    const dd = document.createElement('dd');
    dd.id = id;
    dd.textContent = value;
    dl.append(dt, dd);
  };
  row(r.patientName, part.patient.name, 'p-name');
  row(r.contactPreference, r.preference[part.patient.contactPreference] ?? part.patient.contactPreference, 'p-preference');
  if (part.patient.phone) row(r.phone, part.patient.phone, 'p-phone');
  if (part.patient.email) row(r.email, part.patient.email, 'p-email');
  if (part.patient.address) row(r.address, part.patient.address, 'p-address');
  row(r.note, part.note || r.noNote, 'p-note');
  return dl;
}

/** One referral: open it, show it, and offer the handover with what was opened. */
async function showReferral(section: HTMLElement, lang: InboxLang, m: InboxMessages): Promise<void> {
  const organisationId = section.dataset.organisation ?? '';
  const csrf = section.dataset.csrf ?? '';
  const out = document.getElementById('patient-details');
  if (!out) return;
  let referral: InboxReferral;
  let part: SealedPatientPart;
  try {
    referral = await api<InboxReferral>(organisationId, `/referrals/${encodeURIComponent(section.dataset.referral ?? '')}`);
    // Fetching it marked it opened (and received): show the status that is now true.
    document.getElementById('referral-status')!.textContent = m.statuses[referral.status] ?? referral.status;
    if (!referral.sealed || !referral.publicPart) return say(out, m.referral.deleted);
    part = await openReferral(await keyringOf(organisationId), referral.sealed, referral.publicPart as PublicPart);
  } catch (err) {
    return say(out, `${m.referral.cannotOpen} ${explain(err, lang)}`, 'error');
  }
  out.replaceChildren(details(m, part));

  const form = document.getElementById('handover') as HTMLFormElement | null;
  if (!form) return;
  const select = document.getElementById('h-target') as HTMLSelectElement;
  const result = document.getElementById('handover-result')!;
  const { targets } = await api<{ targets: Array<{ organizationId: string; name: string; publicKey: ReferralPublicKey }> }>(organisationId, '/handover-targets');
  (form.closest('[data-needs-script]') as HTMLElement).hidden = false;
  if (targets.length === 0) {
    form.hidden = true;
    return say(result, m.referral.handoverNone);
  }
  for (const t of targets) select.append(new Option(t.name, t.organizationId));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const target = targets.find((t) => t.organizationId === select.value);
    if (!target) return;
    try {
      const stored = referral.publicPart as { target: 'activity' | 'coach'; activityId: string; reasons: string[] };
      const publicPart = referralPublicPart({ target: stored.target, activityId: stored.activityId, organizationId: target.organizationId, reasons: stored.reasons });
      const sealed = await sealReferral(target.publicKey, { kid: target.publicKey.kid }, part, { ...publicPart });
      await api(organisationId, `/referrals/${encodeURIComponent(referral.referralId)}/handover`, { method: 'POST', body: { organizationId: target.organizationId, sealed }, csrf });
      location.assign(`/inbox?klaar=overgedragen&aan=${encodeURIComponent(target.name)}`);
    } catch (err) {
      say(result, `${m.key.failed} ${explain(err, lang)}`, 'error');
    }
  });
}

const list = document.getElementById('inbox-list');
if (list) {
  const { lang, m } = messagesOf(list);
  void fillList(list, lang, m);
}
const section = document.getElementById('patient');
if (section && section.dataset.hasPayload === 'yes') {
  const { lang, m } = messagesOf(section);
  void showReferral(section, lang, m);
}
