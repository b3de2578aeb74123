/**
 * Upload page: check a file, see the report row by row, then "publiceer de N goede rijen".
 * The checked file travels back with the publish form (base64 in a hidden field), so the
 * server keeps no upload state and the page works without JavaScript.
 */
import { Hono, type Context } from 'hono';
import type { Organisation } from '@sociale-kaart/db';
import type { IndexReport } from '@sociale-kaart/indexer';
import type { ActivityService } from '../service.js';
import { uploadKind, type UploadKind } from '../uploads.js';
import { Csrf, Frame, Notice } from './layout.js';
import { field, type PageEnv } from './session.js';

type OrgEnv = PageEnv & { Variables: PageEnv['Variables'] & { organisation: Organisation } };

export const MAX_PAGE_UPLOAD = 5 * 1024 * 1024;

function Report({ report, t, lang }: { report: IndexReport; t: PageEnv['Variables']['t']; lang: 'nl' | 'en' }) {
  const rows = report.errors.filter((e) => e.record !== null);
  return (
    <section aria-labelledby="rapport">
      <h2 class="utrecht-heading-2" id="rapport">
        {t.upload.report}
      </h2>
      <p>{t.upload.good(report.accepted)}</p>
      {report.rejected > 0 ? <p>{t.upload.bad(report.rejected)}</p> : null}
      {rows.length > 0 ? (
        <table class="portal-table" id="fouten">
          <thead>
            <tr>
              <th scope="col">{t.upload.row}</th>
              <th scope="col">{t.upload.line}</th>
              <th scope="col">{t.upload.field}</th>
              <th scope="col">{t.upload.problem}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr data-row={String(e.record)}>
                <td>{e.record}</td>
                <td>{e.line ?? ''}</td>
                <td>{e.path}</td>
                <td>{lang === 'nl' ? e.messageNl : e.messageEn}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

export function uploadRoutes(deps: { service: ActivityService }): Hono<OrgEnv> {
  const app = new Hono<OrgEnv>();

  const page = (c: Context<OrgEnv>, body: unknown, status: 200 | 400 = 200) => {
    const { t, lang, user, csrf } = c.var;
    return c.html(
      <Frame title={t.upload.title} t={t} lang={lang} user={user} csrf={csrf} path="/uploaden">
        <p>{t.upload.intro}</p>
        {body as never}
        <form method="post" action="/uploaden" enctype="multipart/form-data">
          <Csrf token={csrf} />
          <div class="field">
            <label for="f-file">{t.upload.file}</label>
            <input type="file" id="f-file" name="file" accept=".csv,.txt,.json,.ndjson,text/csv,application/json" required />
          </div>
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            {t.upload.check}
          </button>
        </form>
      </Frame>,
      status,
    );
  };

  app.get('/uploaden', (c) => page(c, null));

  app.post('/uploaden', async (c) => {
    const { t, lang, csrf, form, organisation } = c.var;
    const file = form.file;
    const f = Array.isArray(file) ? file[0] : file;
    if (!(f instanceof File) || f.size === 0) return page(c, <Notice kind="error">{t.upload.fileMissing}</Notice>, 400);
    if (f.size > MAX_PAGE_UPLOAD) return page(c, <Notice kind="error">{`${t.upload.unreadable} > 5 MB`}</Notice>, 400);
    const bytes = new Uint8Array(await f.arrayBuffer());
    const kind = uploadKind(bytes, f.type, f.name);
    const outcome = await deps.service.upload(organisation, { bytes, kind }, { publish: false, name: f.name });
    const unreadable = outcome.report.inputs.find((i) => i.error);
    if (unreadable) return page(c, <Notice kind="error">{`${t.upload.unreadable} ${unreadable.error}`}</Notice>, 400);
    return page(
      c,
      <>
        <Report report={outcome.report} t={t} lang={lang} />
        {outcome.valid > 0 ? (
          <form method="post" action="/uploaden/publiceren">
            <Csrf token={csrf} />
            <input type="hidden" name="name" value={f.name} />
            <input type="hidden" name="kind" value={kind} />
            <input type="hidden" name="data" value={Buffer.from(bytes).toString('base64')} />
            <button type="submit" class="utrecht-button utrecht-button--primary-action">
              {t.upload.publish(outcome.valid)}
            </button>
          </form>
        ) : null}
        {outcome.report.rejected > 0 ? <p>{t.upload.fix}</p> : null}
      </>,
    );
  });

  app.post('/uploaden/publiceren', async (c) => {
    const { t, form, organisation } = c.var;
    const kindRaw = field(form, 'kind');
    const kind: UploadKind = kindRaw === 'json' || kindRaw === 'ndjson' ? kindRaw : 'csv';
    const bytes = new Uint8Array(Buffer.from(field(form, 'data'), 'base64'));
    if (bytes.length === 0) return page(c, <Notice kind="error">{t.upload.fileMissing}</Notice>, 400);
    const outcome = await deps.service.upload(organisation, { bytes, kind }, { publish: true, name: field(form, 'name') || 'upload' });
    return page(c, <Notice kind="ok">{t.upload.published(outcome.published)}</Notice>);
  });
  return app;
}
