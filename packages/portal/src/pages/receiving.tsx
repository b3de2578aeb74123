/**
 * "Verwijzingen ontvangen": how the organisation receives referrals — the hosted inbox, its
 * own webhook, or not yet. The webhook's URL is set here and approved by the operator
 * (`sociale-kaart-admin webhook approve`); its HMAC secret is made here, shown once, and kept
 * only encrypted under the server's data key (SK_DATA_KEY). The relay routes to an
 * organisation only once it is verified.
 */
import { Hono, type Context } from 'hono';
import { dataKeyFromEnv, getReceivingSettings, newWebhookSecret, setReceiveMode, setWebhookUrl, type Db, type Organisation, type ReceiveMode } from '@sociale-kaart/db';
import { Csrf, Frame, Notice } from './layout.js';
import { receivingMessages } from './receiving-i18n.js';
import { field, type PageEnv } from './session.js';

type OrgEnv = PageEnv & { Variables: PageEnv['Variables'] & { organisation: Organisation } };

const MODES = ['inbox', 'webhook', 'none'] as const;

function httpsUrl(text: string): string | undefined {
  try {
    const url = new URL(text.trim());
    return url.protocol === 'https:' && !url.username && !url.password && text.trim().length <= 2000 ? url.href : undefined;
  } catch {
    return undefined;
  }
}

interface PageState {
  notice?: unknown;
  urlError?: string;
  urlValue?: string;
  status?: 200 | 400;
}

export function receivingRoutes(deps: { db: Db; env?: NodeJS.ProcessEnv }): Hono<OrgEnv> {
  const app = new Hono<OrgEnv>();
  const env = deps.env ?? process.env;

  const page = async (c: Context<OrgEnv>, state: PageState = {}) => {
    const { t, lang, user, csrf, organisation } = c.var;
    const r = receivingMessages(lang);
    const s = (await getReceivingSettings(deps.db, organisation.id))!;
    const mode = s.receiveMode ?? 'none';
    const urlValue = state.urlValue ?? s.webhookUrl ?? '';
    c.header('Cache-Control', 'no-store');
    return c.html(
      <Frame title={r.title} t={t} lang={lang} user={user} csrf={csrf} path="/ontvangen">
        <p>{r.intro}</p>
        {s.verified ? null : <Notice kind="warning">{r.notVerified}</Notice>}
        {state.notice as never}
        <form method="post" action="/ontvangen/wijze">
          <Csrf token={csrf} />
          <fieldset class="field">
            <legend>{r.modeLegend}</legend>
            {MODES.map((m) => (
              <div class="checkbox">
                <input type="radio" id={`mode-${m}`} name="mode" value={m} checked={mode === m} />
                <label for={`mode-${m}`}>{m === 'inbox' ? r.modeInbox : m === 'webhook' ? r.modeWebhook : r.modeNone}</label>
              </div>
            ))}
          </fieldset>
          <p>{r.current(r.modes[mode])}</p>
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            {r.save}
          </button>
        </form>

        <h2>{r.webhookTitle}</h2>
        <p>{r.webhookIntro}</p>
        <p class="webhook-state">{!s.webhookUrl ? r.noUrl : s.webhookApproved ? r.approved : r.awaiting}</p>
        <form method="post" action="/ontvangen/webhook" novalidate>
          <Csrf token={csrf} />
          <div class={`field${state.urlError ? ' field--invalid' : ''}`}>
            <label for="webhook-url">{r.webhookUrl}</label>
            {state.urlError ? (
              <p class="field-error" id="webhook-url-error">
                {state.urlError}
              </p>
            ) : null}
            <input type="url" id="webhook-url" name="url" value={urlValue} aria-invalid={state.urlError ? 'true' : undefined} aria-describedby={state.urlError ? 'webhook-url-error' : undefined} />
          </div>
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            {r.webhookSave}
          </button>
        </form>

        <h3>{r.secretTitle}</h3>
        <p>{s.hasWebhookSecret ? r.hasSecret : r.noSecret}</p>
        <form method="post" action="/ontvangen/sleutel">
          <Csrf token={csrf} />
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            {r.newSecret}
          </button>
        </form>
      </Frame>,
      state.status ?? 200,
    );
  };

  app.get('/ontvangen', (c) => page(c));
  app.post('/ontvangen/wijze', async (c) => {
    const chosen = field(c.var.form, 'mode');
    if (!(MODES as readonly string[]).includes(chosen)) return page(c, { status: 400 });
    await setReceiveMode(deps.db, c.var.organisation.id, chosen === 'none' ? null : (chosen as ReceiveMode));
    return page(c, { notice: <Notice kind="ok">{receivingMessages(c.var.lang).saved}</Notice> });
  });
  app.post('/ontvangen/webhook', async (c) => {
    const r = receivingMessages(c.var.lang);
    const given = field(c.var.form, 'url');
    const url = given.trim() === '' ? null : httpsUrl(given);
    if (url === undefined) return page(c, { urlError: r.urlInvalid, urlValue: given, status: 400 });
    await setWebhookUrl(deps.db, c.var.organisation.id, url);
    return page(c, { notice: <Notice kind="ok">{r.webhookSaved}</Notice> });
  });
  app.post('/ontvangen/sleutel', async (c) => {
    const r = receivingMessages(c.var.lang);
    const dataKey = await dataKeyFromEnv(env).catch(() => undefined);
    if (!dataKey) return page(c, { notice: <Notice kind="error">{r.noDataKey}</Notice> });
    const secret = await newWebhookSecret(deps.db, dataKey, c.var.organisation.id);
    return page(c, {
      notice: (
        <Notice kind="ok">
          <p>{r.secretShown}</p>
          <p>
            <label for="webhook-secret">{r.secretLabel}</label>{' '}
            <input type="text" id="webhook-secret" readonly value={secret} size={50} />
          </p>
        </Notice>
      ),
    });
  });
  return app;
}
