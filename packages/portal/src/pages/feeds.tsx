/** Feed registration: add a URL, see each feed's last pull, pull now, remove. */
import { Hono, type Context } from 'hono';
import { feedsOf, type Db, type Feed, type Organisation } from '@sociale-kaart/db';
import { FEED_FORMATS, FeedUrlError, type FeedFormat, type FeedScheduler, type PullResult } from '../feeds.js';
import { Csrf, Frame, Notice } from './layout.js';
import { field, type PageEnv } from './session.js';

type OrgEnv = PageEnv & { Variables: PageEnv['Variables'] & { organisation: Organisation } };

function ResultText({ result, t }: { result: PullResult | null; t: PageEnv['Variables']['t'] }) {
  if (!result) return <>{t.feeds.never}</>;
  if (result.status === 'ok') return <>{t.feeds.ok(result.accepted ?? 0, result.rejected ?? 0, result.published ?? 0)}</>;
  if (result.status === 'not_modified') return <>{t.feeds.notModified}</>;
  return <>{`${t.feeds.failed} ${result.message ?? ''}`}</>;
}

export function feedRoutes(deps: { db: Db; feeds: FeedScheduler }): Hono<OrgEnv> {
  const app = new Hono<OrgEnv>();

  const page = async (c: Context<OrgEnv>, notice: unknown = null, error?: string, url = '', status: 200 | 400 = 200) => {
    const { t, lang, user, csrf, organisation } = c.var;
    const list: Feed[] = await feedsOf(deps.db, organisation.id);
    const when = (d: Date | null) => (d ? new Date(d).toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', { timeZone: 'Europe/Amsterdam' }) : t.feeds.never);
    return c.html(
      <Frame title={t.feeds.title} t={t} lang={lang} user={user} csrf={csrf} path="/feeds">
        <p>{t.feeds.intro}</p>
        {notice as never}
        {list.length === 0 ? (
          <p>{t.feeds.none}</p>
        ) : (
          <table class="portal-table">
            <thead>
              <tr>
                <th scope="col">URL</th>
                <th scope="col">{t.feeds.last}</th>
                <th scope="col">{t.feeds.result}</th>
                <th scope="col">
                  <span class="visually-hidden">{t.activities.actions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((f) => (
                <tr>
                  <td>{f.url}</td>
                  <td>{when(f.last_pulled_at)}</td>
                  <td class="feed-result">
                    <ResultText result={f.last_result as PullResult | null} t={t} />
                  </td>
                  <td>
                    <div class="actions">
                      <form method="post" action={`/feeds/${f.id}/ophalen`} class="inline-form">
                        <Csrf token={csrf} />
                        <button type="submit" class="utrecht-button utrecht-button--secondary-action" aria-label={`${t.feeds.pull}: ${f.url}`}>
                          {t.feeds.pull}
                        </button>
                      </form>
                      <form method="post" action={`/feeds/${f.id}/verwijderen`} class="inline-form">
                        <Csrf token={csrf} />
                        <button type="submit" class="utrecht-button utrecht-button--subtle" aria-label={`${t.feeds.remove}: ${f.url}`}>
                          {t.feeds.remove}
                        </button>
                      </form>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <form method="post" action="/feeds" novalidate>
          <Csrf token={csrf} />
          <div class={`field${error ? ' field--invalid' : ''}`}>
            <label for="f-url">{t.feeds.url}</label>
            {error ? (
              <p class="field-error" id="f-url-error">
                {error}
              </p>
            ) : null}
            <input type="url" id="f-url" name="url" value={url} required aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'f-url-error' : undefined} />
          </div>
          <div class="field">
            <label for="f-format">{t.feeds.format}</label>
            <select id="f-format" name="format">
              {FEED_FORMATS.map((f) => (
                <option value={f}>{f === 'auto' ? t.feeds.auto : t.feeds.formats[f]}</option>
              ))}
            </select>
          </div>
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            {t.feeds.add}
          </button>
        </form>
      </Frame>,
      status,
    );
  };

  app.get('/feeds', (c) => page(c));
  app.post('/feeds', async (c) => {
    const { form, organisation, lang } = c.var;
    const url = field(form, 'url');
    const formatRaw = field(form, 'format') as FeedFormat;
    const format = FEED_FORMATS.includes(formatRaw) ? formatRaw : 'auto';
    try {
      await deps.feeds.register(organisation.id, url, format);
    } catch (err) {
      if (err instanceof FeedUrlError) return page(c, null, lang === 'nl' ? err.nl : err.en, url, 400);
      if (err instanceof Error && /feeds_organisation_url|unique/i.test(err.message)) return page(c, null, lang === 'nl' ? 'deze feed staat er al' : 'this feed is already registered', url, 400);
      throw err;
    }
    return c.redirect('/feeds', 303);
  });
  app.post('/feeds/:id/ophalen', async (c) => {
    const id = Number(c.req.param('id'));
    if (!Number.isInteger(id)) return c.notFound();
    const mine = (await feedsOf(deps.db, c.var.organisation.id)).some((f) => f.id === id);
    if (!mine) return c.notFound();
    await deps.feeds.pull(id);
    return c.redirect('/feeds', 303);
  });
  app.post('/feeds/:id/verwijderen', async (c) => {
    const id = Number(c.req.param('id'));
    if (!Number.isInteger(id) || !(await deps.feeds.unregister(c.var.organisation.id, id))) return c.notFound();
    return page(c, <Notice kind="ok">{c.var.t.feeds.remove}</Notice>);
  });
  return app;
}
