/**
 * The coach's inbox: three lists (Nieuw / In behandeling / Afgerond). The server sends each
 * referral's sealed payload and public part; /assets/js/inbox.js opens them with the keys in
 * this browser and fills in the names. Nothing opened is ever sent back.
 */
import { Hono } from 'hono';
import { needLabel } from '@sociale-kaart/schema';
import type { Db, Organisation, ReferralRow } from '@sociale-kaart/db';
import { INBOX_TABS, inboxReferrals, type InboxTab } from '../inbox-store.js';
import { INBOX_MESSAGES, type InboxLang } from './inbox-i18n.js';
import { referralDetailRoutes } from './inbox-referral.js';
import { Frame, Notice } from './layout.js';
import type { PageEnv } from './session.js';

export type OrgEnv = PageEnv & { Variables: PageEnv['Variables'] & { organisation: Organisation } };

export const TAB_SLUGS: Record<InboxTab, string> = { new: 'nieuw', active: 'in-behandeling', done: 'afgerond' };
const TAB_OF_SLUG = Object.fromEntries(Object.entries(TAB_SLUGS).map(([tab, slug]) => [slug, tab])) as Record<string, InboxTab>;

export const when = (d: Date, lang: InboxLang) =>
  new Date(d).toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** The data the script needs to open one referral, as attributes (escaped by JSX, read with JSON.parse). */
export function sealedAttributes(row: ReferralRow) {
  return row.sealed ? { 'data-sealed': JSON.stringify(row.sealed), 'data-public-part': JSON.stringify(row.public_part) } : {};
}

export function inboxRoutes(deps: { db: Db; clock: () => Date }): Hono<OrgEnv> {
  const app = new Hono<OrgEnv>();
  app.get('/inbox', async (c) => {
    const { t, lang, user, csrf, organisation } = c.var;
    const m = INBOX_MESSAGES[lang];
    const tab = TAB_OF_SLUG[c.req.query('lijst') ?? ''] ?? 'new';
    const all = await inboxReferrals(deps.db, organisation.id);
    const count = (k: InboxTab) => all.filter((r) => (INBOX_TABS[k] as readonly string[]).includes(r.status)).length;
    const rows = all.filter((r) => (INBOX_TABS[tab] as readonly string[]).includes(r.status));
    const done = c.req.query('klaar');
    return c.html(
      <Frame title={m.inbox.title} t={t} lang={lang} user={user} csrf={csrf} path="/inbox">
        {done === 'status' ? <Notice kind="ok">{m.inbox.updated}</Notice> : null}
        {done === 'collega' ? <Notice kind="ok">{m.inbox.assigned}</Notice> : null}
        {done === 'overgedragen' ? <Notice kind="ok">{m.inbox.handedOver(c.req.query('aan') ?? '')}</Notice> : null}
        <noscript>
          <Notice kind="warning">{m.noScript}</Notice>
        </noscript>
        <p id="inbox-key-missing" hidden>
          {m.inbox.needKey}{' '}
          <a class="utrecht-link" href="/sleutel">
            {m.inbox.keyLink}
          </a>
        </p>
        <nav aria-label={m.inbox.tabsLabel}>
          <ul class="portal-tabs">
            {(Object.keys(TAB_SLUGS) as InboxTab[]).map((k) => (
              <li>
                <a class="utrecht-link" href={`/inbox?lijst=${TAB_SLUGS[k]}`} aria-current={k === tab ? 'page' : undefined}>
                  {`${m.inbox.tabs[k]} (${count(k)})`}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <h2 class="utrecht-heading-2">{m.inbox.tabs[tab]}</h2>
        {rows.length === 0 ? (
          <p>{m.inbox.none}</p>
        ) : (
          <table class="portal-table" id="inbox-list" data-organisation={organisation.id} data-lang={lang}>
            <thead>
              <tr>
                <th scope="col">{m.inbox.received}</th>
                <th scope="col">{m.inbox.name}</th>
                <th scope="col">{m.inbox.reasons}</th>
                <th scope="col">{m.inbox.status}</th>
                <th scope="col">
                  <span class="visually-hidden">{m.inbox.open}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr data-referral={r.id}>
                  <td>{when(r.created_at, lang)}</td>
                  <td class="sealed-name" data-kid={r.sealed?.kid ?? ''} {...sealedAttributes(r)}>
                    {r.sealed ? m.inbox.sealed : '–'}
                  </td>
                  <td>{r.reasons.map((k) => needLabel(k, lang)).join(', ')}</td>
                  <td>{m.statuses[r.status] ?? r.status}</td>
                  <td>
                    <a class="utrecht-link" href={`/inbox/${encodeURIComponent(r.id)}`} aria-label={m.inbox.openLabel(when(r.created_at, lang))}>
                      {m.inbox.open}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <script type="module" src="/assets/js/inbox.js"></script>
      </Frame>,
    );
  });
  app.route('/', referralDetailRoutes(deps));
  return app;
}
