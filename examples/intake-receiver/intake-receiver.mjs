// A minimal intake for a welzijnsorganisatie: receives signed Welzijn op Recept referrals from
// the Sociale Kaart relay, shows them, and reports the status back to the GP.
// Referrals live in memory only: a real intake stores them in its own client system.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { signedHeaders, verify } from './signature.mjs';

export const STATUSES = /** @type {const} */ (['received', 'contacted', 'started', 'declined', 'closed']);

const STATUS_LABELS = { received: 'Ontvangen', contacted: 'Contact opgenomen', started: 'Gestart', declined: 'Afgewezen', closed: 'Afgesloten' };
const CONTACT_LABELS = { phone: 'Telefoon', email: 'E-mail', letter: 'Brief' };

/** Everything from a referral is untrusted text: escape it before it goes into HTML. */
export function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]);
}

/** Loopback names: the receiver listens on 127.0.0.1 unless its operator says otherwise. */
export const LOOPBACK_HOSTS = /** @type {const} */ (['127.0.0.1', 'localhost', '[::1]']);

/** The media type of a Content-Type header, lower case, without parameters ("" when absent). */
function mediaType(c) {
  return (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * Why a request comes from another site, or null when it does not. Browsers mark cross-site
 * requests with Sec-Fetch-Site and Origin; the relay, a server, sends neither.
 */
function crossSiteReason(c) {
  const site = c.req.header('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return `Sec-Fetch-Site is ${site}`;
  const origin = c.req.header('origin');
  if (origin === undefined) return null;
  let originHost;
  try {
    originHost = new URL(origin).host;
  } catch {
    return `Origin ${origin} is not this intake`;
  }
  return originHost === new URL(c.req.url).host ? null : `Origin ${origin} is not this intake`;
}

/**
 * @typedef {{ status: string, reason?: string, at: string, ok: boolean, httpStatus: number | null }} SentStatus
 * @typedef {{ referral: any, receivedAt: string, statuses: SentStatus[] }} ReceivedReferral
 * @param {{ secret: string, organizationId: string, apiBase?: string, allowedHosts?: readonly string[], fetch?: typeof fetch, clock?: () => Date, maxAgeSeconds?: number }} options
 *   apiBase: when set, only status URLs under it are accepted (defence in depth: the payload is signed anyway).
 *   allowedHosts: the host names (without port) this intake answers to; any other Host header is
 *   refused, so a DNS-rebinding page cannot read the referrals. Default: the loopback names.
 *   organizationId: the organisation this intake serves, or "*" for a regional intake (such as the
 *   welzijnscoaches' shared intake) that the relay operator routes every provider's referrals to.
 */
export function createIntakeReceiver({ secret, organizationId, apiBase, allowedHosts = LOOPBACK_HOSTS, fetch: fetchImpl = globalThis.fetch, clock = () => new Date(), maxAgeSeconds = 300 }) {
  if (!secret) throw new Error('createIntakeReceiver needs the shared secret');
  if (!organizationId) throw new Error('createIntakeReceiver needs the organisation id');
  const hosts = new Set(allowedHosts.map((h) => h.toLowerCase()));
  /** @type {Map<string, ReceivedReferral>} */
  const referrals = new Map();
  const app = new Hono();

  app.use('*', async (c, next) => {
    // The server builds the request URL from the Host header; an IPv6 literal keeps its brackets.
    const host = new URL(c.req.url).hostname;
    if (!hosts.has(host)) return c.json({ error: `Host "${host}" is not one this intake answers to` }, 421);
    if (c.req.method === 'POST') {
      // A page on another site must not post referrals or statuses in this organisation's name.
      const reason = crossSiteReason(c);
      if (reason) return c.json({ error: `Cross-site request refused (${reason})` }, 403);
    }
    return next();
  });

  app.get('/healthz', (c) => c.json({ ok: true }));

  app.post('/referrals', bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.json({ error: 'body too large' }, 413) }), async (c) => {
    if (mediaType(c) !== 'application/json') return c.json({ error: 'Content-Type must be application/json' }, 415);
    // 1. The raw body, before parsing: the signature covers these exact bytes.
    const raw = await c.req.text();
    const check = verify({ secret, body: raw, timestamp: c.req.header('x-sk-timestamp'), signature: c.req.header('x-sk-signature'), now: clock(), maxAgeSeconds });
    if (!check.ok) return c.json({ error: check.reason }, 401);
    let referral;
    try {
      referral = JSON.parse(raw);
    } catch {
      return c.json({ error: 'body is not JSON' }, 400);
    }
    if (typeof referral?.referralId !== 'string' || typeof referral.statusUrl !== 'string') return c.json({ error: 'referralId and statusUrl are required' }, 400);
    if (organizationId !== '*' && referral.organization?.id !== organizationId) return c.json({ error: 'referral is for another organisation' }, 422);
    if (!/^https?:\/\//.test(referral.statusUrl) || (apiBase && !referral.statusUrl.startsWith(`${apiBase.replace(/\/+$/, '')}/`))) {
      return c.json({ error: 'statusUrl is not on the expected API' }, 422);
    }
    // 2. Idempotent: the relay retries, and a retry carries the same referralId.
    if (referrals.has(referral.referralId)) return c.json({ received: true, duplicate: true });
    referrals.set(referral.referralId, { referral, receivedAt: clock().toISOString(), statuses: [] });
    // 3. Answer quickly; everything else (people, phone calls) happens later.
    return c.json({ received: true }, 202);
  });

  app.get('/api/referrals', (c) => c.json([...referrals.values()]));

  app.post('/referrals/:id/status', async (c) => {
    const type = mediaType(c);
    // JSON from a script, or the form on this intake's own page (same-origin, checked above).
    if (type !== 'application/json' && type !== 'application/x-www-form-urlencoded') return c.json({ error: 'Content-Type must be application/json or a form' }, 415);
    const isForm = type === 'application/x-www-form-urlencoded';
    const entry = referrals.get(c.req.param('id'));
    if (!entry) return c.json({ error: 'unknown referral' }, 404);
    const input = isForm ? await c.req.parseBody() : await c.req.json().catch(() => ({}));
    const status = String(input.status ?? '');
    const reason = typeof input.reason === 'string' && input.reason.trim() !== '' ? input.reason.trim().slice(0, 500) : undefined;
    if (!STATUSES.includes(/** @type {any} */ (status))) return c.json({ error: `status must be one of ${STATUSES.join(', ')}` }, 400);

    // referralId in the body binds the signature to this referral.
    const body = JSON.stringify({ referralId: entry.referral.referralId, status, ...(reason ? { reason } : {}) });
    let httpStatus = null;
    let answer = null;
    try {
      const response = await fetchImpl(entry.referral.statusUrl, { method: 'POST', headers: signedHeaders(secret, body, clock()), body, signal: AbortSignal.timeout(10_000) });
      httpStatus = response.status;
      answer = await response.json().catch(() => null);
    } catch (error) {
      answer = { error: String(/** @type {Error} */ (error).message) };
    }
    const ok = httpStatus !== null && httpStatus >= 200 && httpStatus < 300;
    entry.statuses.push({ status, ...(reason ? { reason } : {}), at: clock().toISOString(), ok, httpStatus });
    if (isForm) return c.redirect(`/#referral-${encodeURIComponent(entry.referral.referralId)}`, 303);
    return c.json({ ok, httpStatus, answer }, ok ? 200 : 502);
  });

  app.get('/', (c) => {
    c.header('Cache-Control', 'no-store');
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
    return c.html(renderPage([...referrals.values()].reverse()));
  });

  return app;
}

/** @param {ReceivedReferral[]} items */
function renderPage(items) {
  const list = items.length === 0 ? '<p>Er zijn nog geen verwijzingen ontvangen.</p>' : items.map(renderReferral).join('\n');
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ontvangen verwijzingen – Welzijn op Recept</title>
<style>
  body { font: 1rem/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 48rem; padding: 1rem; color: #1a1a1a; }
  article { border: 1px solid #767676; border-radius: .5rem; padding: 1rem; margin-block: 1rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
  dt { font-weight: 600; }
  dd { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
  label { display: block; font-weight: 600; margin-block-start: .5rem; }
  select, textarea, button { font: inherit; }
  button { margin-block-start: .5rem; padding: .4rem 1rem; }
  :focus-visible { outline: 3px solid #0b5394; outline-offset: 2px; }
</style>
</head>
<body>
<main>
<h1>Ontvangen verwijzingen</h1>
<p>Verwijzingen via Welzijn op Recept. Stuur de huisarts een status terug zodra u iets hebt gedaan.</p>
${list}
</main>
</body>
</html>`;
}

/** @param {ReceivedReferral} item */
function renderReferral({ referral: r, receivedAt, statuses }) {
  const id = escapeHtml(r.referralId);
  const p = r.patient ?? {};
  const reasons = Array.isArray(r.reasons) ? r.reasons.map((x) => escapeHtml(x?.label ?? x?.key)).join(', ') : '';
  const contact = [p.phone && `Telefoon: ${p.phone}`, p.email && `E-mail: ${p.email}`, p.address && `Adres: ${p.address}`].filter(Boolean).map(escapeHtml).join('\n');
  const referrer = [r.referrer?.name, r.referrer?.practice].filter(Boolean).map(escapeHtml).join(', ');
  const sent = statuses.length
    ? `<h3>Teruggemeld</h3><ul>${statuses
        .map((s) => `<li>${escapeHtml(STATUS_LABELS[s.status] ?? s.status)}${s.reason ? ` – ${escapeHtml(s.reason)}` : ''} (${escapeHtml(s.at)})${s.ok ? '' : ' <strong>niet aangekomen</strong>'}</li>`)
        .join('')}</ul>`
    : '';
  const options = STATUSES.map((s) => `<option value="${s}">${escapeHtml(STATUS_LABELS[s])}</option>`).join('');
  return `<article id="referral-${id}" aria-labelledby="title-${id}">
<h2 id="title-${id}">${escapeHtml(p.name)}</h2>
<dl>
  <dt>Activiteit</dt><dd>${escapeHtml(r.activity?.title)}</dd>
  <dt>Reden</dt><dd>${reasons}</dd>
  <dt>Toelichting</dt><dd>${escapeHtml(r.note ?? '–')}</dd>
  <dt>Contact bij voorkeur</dt><dd>${escapeHtml(CONTACT_LABELS[p.contactPreference] ?? p.contactPreference)}</dd>
  <dt>Contactgegevens</dt><dd>${contact || '–'}</dd>
  <dt>Verwezen door</dt><dd>${referrer || '–'}</dd>
  <dt>Ontvangen</dt><dd>${escapeHtml(receivedAt)}</dd>
</dl>
${sent}
<form method="post" action="/referrals/${encodeURIComponent(r.referralId)}/status">
  <label for="status-${id}">Nieuwe status</label>
  <select id="status-${id}" name="status" required>${options}</select>
  <label for="reason-${id}">Toelichting voor de huisarts (optioneel, geen medische gegevens)</label>
  <textarea id="reason-${id}" name="reason" maxlength="500" rows="2"></textarea>
  <button type="submit">Status versturen</button>
</form>
</article>`;
}
