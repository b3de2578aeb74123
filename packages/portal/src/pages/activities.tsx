/** The editor's activity pages: list (with freshness), add, edit, pause, delete, "Alles klopt nog". */
import { Hono, type Context } from 'hono';
import type { ActivityRow, Organisation } from '@sociale-kaart/db';
import type { Activity } from '@sociale-kaart/schema';
import { freshnessState, type Freshness } from '../freshness.js';
import { KEY_PATTERN } from '../records.js';
import { RecordInvalidError, type ActivityService } from '../service.js';
import { ActivityForm, EMPTY_FORM, messagesByField, recordFromValues, valuesFromDocument, valuesFromForm, type FieldMessages, type FormValues } from './activity-form.js';
import { Csrf, Frame, Notice } from './layout.js';
import type { PageEnv } from './session.js';

type OrgEnv = PageEnv & { Variables: PageEnv['Variables'] & { organisation: Organisation } };

const NOTICES = ['saved', 'savedPaused', 'pausedDone', 'resumed', 'removed'] as const;

export function activityRoutes(deps: { service: ActivityService; freshness: Freshness }): Hono<OrgEnv> {
  const app = new Hono<OrgEnv>();
  const { service } = deps;

  const list = async (c: Context<OrgEnv>, notice?: string) => {
    const { t, lang, user, csrf, organisation } = c.var;
    const rows = await service.list(organisation);
    const today = service.today();
    const noticeKey = NOTICES.find((n) => n === c.req.query('melding'));
    const needsReminder = rows.some((r) => freshnessState(r.assured_date, today, deps.freshness) !== 'fresh');
    return c.html(
      <Frame title={`${t.activities.title}: ${organisation.name}`} t={t} lang={lang} user={user} csrf={csrf} path="/activiteiten">
        {noticeKey ? <Notice kind="ok">{t.activities[noticeKey]}</Notice> : null}
        {notice ? <Notice kind="ok">{notice}</Notice> : null}
        {needsReminder ? <Notice kind="warning">{t.activities.reminder(deps.freshness.reminderDays)}</Notice> : null}
        <p>
          <a class="utrecht-button-link utrecht-button-link--primary-action" href="/activiteiten/nieuw">
            {t.activities.add}
          </a>
        </p>
        {rows.length === 0 ? (
          <p>{t.activities.none}</p>
        ) : (
          <table class="portal-table">
            <thead>
              <tr>
                <th scope="col">{t.activities.name}</th>
                <th scope="col">{t.activities.status}</th>
                <th scope="col">{t.activities.checked}</th>
                <th scope="col">{t.activities.actions}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <ActivityLine row={r} c={c} today={today} />
              ))}
            </tbody>
          </table>
        )}
        <section aria-labelledby="bevestigen">
          <h2 class="utrecht-heading-2" id="bevestigen">
            {t.activities.confirmAll}
          </h2>
          <p>{t.activities.confirmAllHelp}</p>
          <form method="post" action="/activiteiten/bevestigen">
            <Csrf token={csrf} />
            <button type="submit" class="utrecht-button utrecht-button--primary-action">
              {t.activities.confirmAll}
            </button>
          </form>
        </section>
      </Frame>,
    );
  };

  const ActivityLine = ({ row, c, today }: { row: ActivityRow; c: Context<OrgEnv>; today: string }) => {
    const { t, lang, csrf } = c.var;
    const title = String(row.documents[0]?.title ?? row.key);
    const state = freshnessState(row.assured_date, today, deps.freshness);
    const date = new Date(`${row.assured_date}T12:00:00Z`).toLocaleDateString(lang === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    const k = encodeURIComponent(row.key);
    return (
      <tr>
        <td>{title}</td>
        <td>{row.status === 'published' ? t.activities.published : t.activities.paused}</td>
        <td>
          {date} {state === 'stale' || state === 'hidden' ? <span class="badge badge--stale">{t.activities.stale}</span> : null}
        </td>
        <td>
          <div class="actions">
            <a class="utrecht-link" href={`/activiteiten/${k}`} aria-label={`${t.activities.edit}: ${title}`}>
              {t.activities.edit}
            </a>
            <form method="post" action={`/activiteiten/${k}/${row.status === 'published' ? 'pauzeren' : 'publiceren'}`} class="inline-form">
              <Csrf token={csrf} />
              <button type="submit" class="utrecht-button utrecht-button--secondary-action" aria-label={`${row.status === 'published' ? t.activities.pause : t.activities.resume}: ${title}`}>
                {row.status === 'published' ? t.activities.pause : t.activities.resume}
              </button>
            </form>
            <form method="post" action={`/activiteiten/${k}/verwijderen`} class="inline-form">
              <Csrf token={csrf} />
              <button type="submit" class="utrecht-button utrecht-button--subtle" aria-label={`${t.activities.remove}: ${title}`}>
                {t.activities.remove}
              </button>
            </form>
          </div>
        </td>
      </tr>
    );
  };

  const formPage = (c: Context<OrgEnv>, values: FormValues, errors: FieldMessages, isNew: boolean, status: 200 | 400 = 200) => {
    const { t, lang, user, csrf } = c.var;
    const action = isNew ? '/activiteiten/nieuw' : `/activiteiten/${encodeURIComponent(values.key)}`;
    return c.html(
      <Frame title={isNew ? t.form.newTitle : `${t.form.editTitle}: ${values.name}`} t={t} lang={lang} user={user} csrf={csrf} path="/activiteiten">
        <ActivityForm t={t} lang={lang} csrf={csrf} values={values} errors={errors} action={action} isNew={isNew} />
      </Frame>,
      status,
    );
  };

  const save = async (c: Context<OrgEnv>, isNew: boolean) => {
    const { t, lang, organisation, form } = c.var;
    const values = valuesFromForm(form);
    if (!isNew) values.key = decodeURIComponent(c.req.param('key') ?? '');
    if (!KEY_PATTERN.test(values.key)) return formPage(c, values, { key: [t.form.keyInvalid] }, isNew, 400);
    if (isNew && (await service.get(organisation, values.key))) return formPage(c, values, { key: [t.form.keyTaken] }, isNew, 400);
    try {
      const r = await service.put(organisation, values.key, recordFromValues(values), 'portal');
      return c.redirect(`/activiteiten?melding=${r.published ? 'saved' : 'savedPaused'}`, 303);
    } catch (err) {
      if (err instanceof RecordInvalidError) return formPage(c, values, messagesByField(err.errors, lang), isNew, 400);
      throw err;
    }
  };

  app.get('/activiteiten', (c) => list(c));
  app.get('/activiteiten/nieuw', (c) => formPage(c, EMPTY_FORM, {}, true));
  app.post('/activiteiten/nieuw', (c) => save(c, true));
  app.post('/activiteiten/bevestigen', async (c) => {
    const r = await service.confirmAll(c.var.organisation);
    return list(c, c.var.t.activities.confirmed(r.confirmed));
  });
  app.get('/activiteiten/:key', async (c) => {
    const row = await service.get(c.var.organisation, c.req.param('key'));
    if (!row) return c.notFound();
    const doc = row.documents[0] as unknown as Activity | undefined;
    return formPage(c, doc ? valuesFromDocument(row.key, doc) : { ...EMPTY_FORM, key: row.key }, {}, false);
  });
  app.post('/activiteiten/:key', (c) => save(c, false));
  for (const [action, paused] of [['pauzeren', true], ['publiceren', false]] as const) {
    app.post(`/activiteiten/:key/${action}`, async (c) => {
      if (!(await service.setPaused(c.var.organisation, c.req.param('key'), paused))) return c.notFound();
      return c.redirect(`/activiteiten?melding=${paused ? 'pausedDone' : 'resumed'}`, 303);
    });
  }
  app.post('/activiteiten/:key/verwijderen', async (c) => {
    if (!(await service.remove(c.var.organisation, c.req.param('key')))) return c.notFound();
    return c.redirect('/activiteiten?melding=removed', 303);
  });
  return app;
}
