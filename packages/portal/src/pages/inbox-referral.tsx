/**
 * One referral in the inbox. The patient's details are opened by /assets/js/inbox.js (which
 * fetches the sealed payload from the inbox API, marking it opened); the status and the
 * colleague forms are plain forms that work without JavaScript; a handover to another
 * organisation re-seals in the browser, so it needs the script.
 */
import { Hono, type Context } from 'hono';
import { appendReferralStatus, handToColleague, usersOfOrganisation, type Db, type ReferralRow, type User } from '@sociale-kaart/db';
import { PROVIDER_STATUSES, needLabel, statusUpdateSchema } from '@sociale-kaart/schema';
import { inboxReferral, tabOf } from '../inbox-store.js';
import { statusProblem } from '../referrals-api.js';
import { TAB_SLUGS, when, type OrgEnv } from './inbox.js';
import { INBOX_MESSAGES } from './inbox-i18n.js';
import { Csrf, Frame, Notice } from './layout.js';
import { field } from './session.js';

interface FormState {
  status?: string;
  reason?: string;
  activityId?: string;
  errors?: Partial<Record<'status' | 'reason' | 'activityId', string>>;
}

export function referralDetailRoutes(deps: { db: Db; clock: () => Date }): Hono<OrgEnv> {
  const app = new Hono<OrgEnv>();

  const page = async (c: Context<OrgEnv>, row: ReferralRow, form: FormState = {}, status: 200 | 400 = 200) => {
    const { t, lang, user, csrf, organisation } = c.var;
    const m = INBOX_MESSAGES[lang];
    const r = m.referral;
    const colleagues: User[] = (await usersOfOrganisation(deps.db, organisation.id)).filter((u) => u.role === 'editor');
    const assignee = colleagues.find((u) => u.id === row.assignee_user_id);
    const err = form.errors ?? {};
    const describedBy = (name: keyof NonNullable<FormState['errors']>) => (err[name] ? { 'aria-describedby': `s-${name}-error`, 'aria-invalid': 'true' } : {});
    return c.html(
      <Frame title={r.title} t={t} lang={lang} user={user} csrf={csrf} path="/inbox">
        <p>
          <a class="utrecht-link" href={`/inbox?lijst=${TAB_SLUGS[tabOf(row.status)]}`}>
            {r.back}
          </a>
        </p>
        <dl class="portal-facts">
          <dt>{m.inbox.received}</dt>
          <dd>{when(row.created_at, lang)}</dd>
          <dt>{m.inbox.reasons}</dt>
          <dd>{row.reasons.map((k) => needLabel(k, lang)).join(', ')}</dd>
          <dt>{r.activity}</dt>
          <dd>{row.activity_id}</dd>
          <dt>{m.inbox.status}</dt>
          <dd id="referral-status">{m.statuses[row.status] ?? row.status}</dd>
          <dt>{r.assignee}</dt>
          <dd>{assignee ? r.person(assignee) : r.nobody}</dd>
        </dl>

        <section id="patient" aria-labelledby="patient-title" data-referral={row.id} data-organisation={organisation.id} data-csrf={csrf} data-lang={lang} data-has-payload={row.sealed ? 'yes' : 'no'}>
          <h2 class="utrecht-heading-2" id="patient-title">
            {r.patient}
          </h2>
          {row.sealed ? (
            <>
              <noscript>
                <Notice kind="warning">{m.noScript}</Notice>
              </noscript>
              <div id="patient-details" role="status">
                {r.opening}
              </div>
            </>
          ) : (
            <Notice>{r.deleted}</Notice>
          )}
        </section>

        <h2 class="utrecht-heading-2">{r.statusTitle}</h2>
        {Object.keys(err).length ? <Notice kind="error">{t.form.errorsTitle}</Notice> : null}
        <form method="post" action={`/inbox/${encodeURIComponent(row.id)}/status`} novalidate>
          <Csrf token={csrf} />
          <div class={`field${err.status ? ' field--invalid' : ''}`}>
            <label for="s-status">{r.statusLabel}</label>
            {err.status ? <p class="field-error" id="s-status-error">{err.status}</p> : null}
            <select id="s-status" name="status" {...describedBy('status')}>
              {PROVIDER_STATUSES.map((s) => (
                <option value={s} selected={(form.status ?? 'contacted') === s}>
                  {m.statuses[s]}
                </option>
              ))}
            </select>
          </div>
          <div class={`field${err.reason ? ' field--invalid' : ''}`}>
            <label for="s-reason">{r.reason}</label>
            {err.reason ? <p class="field-error" id="s-reason-error">{err.reason}</p> : null}
            <textarea id="s-reason" name="reason" maxlength={500} {...describedBy('reason')}>
              {form.reason ?? ''}
            </textarea>
          </div>
          <div class={`field${err.activityId ? ' field--invalid' : ''}`}>
            <label for="s-activity">{r.startedActivity}</label>
            {err.activityId ? <p class="field-error" id="s-activityId-error">{err.activityId}</p> : null}
            <input type="text" id="s-activity" name="activityId" value={form.activityId ?? ''} {...describedBy('activityId')} />
          </div>
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            {r.save}
          </button>
        </form>

        <h2 class="utrecht-heading-2">{r.colleagueTitle}</h2>
        <form method="post" action={`/inbox/${encodeURIComponent(row.id)}/collega`}>
          <Csrf token={csrf} />
          <div class="field">
            <label for="c-user">{r.colleague}</label>
            <select id="c-user" name="userId">
              {colleagues.map((u) => (
                <option value={String(u.id)} selected={u.id === row.assignee_user_id}>
                  {r.person(u)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            {r.assign}
          </button>
        </form>

        {row.sealed ? (
          <section hidden data-needs-script>
            <h2 class="utrecht-heading-2">{r.handoverTitle}</h2>
            <p>{r.handoverHelp}</p>
            <form id="handover" novalidate>
              <div class="field">
                <label for="h-target">{r.handoverTarget}</label>
                <select id="h-target" name="organizationId"></select>
              </div>
              <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                {r.handoverButton}
              </button>
            </form>
            <div id="handover-result" role="status"></div>
          </section>
        ) : null}

        <h2 class="utrecht-heading-2">{r.history}</h2>
        <ol class="portal-history">
          {row.history.map((h) => (
            <li>
              {`${when(new Date(h.at), lang)}: ${m.statuses[h.status] ?? h.status}`}
              {h.to ? ` → ${h.to.organizationName ?? h.to.organizationId}` : ''}
              {h.reason ? ` (${h.reason})` : ''}
              {h.activityId ? ` · ${h.activityId}` : ''}
            </li>
          ))}
        </ol>
        <script type="module" src="/assets/js/inbox.js"></script>
      </Frame>,
      status,
    );
  };

  const mine = async (c: Context<OrgEnv>) => inboxReferral(deps.db, c.var.organisation.id, c.req.param('id') ?? '');

  app.get('/inbox/:id', async (c) => {
    const row = await mine(c);
    return row ? page(c, row) : c.notFound();
  });

  app.post('/inbox/:id/status', async (c) => {
    const row = await mine(c);
    if (!row) return c.notFound();
    const m = INBOX_MESSAGES[c.var.lang].referral;
    const input = { status: field(c.var.form, 'status'), reason: field(c.var.form, 'reason') || undefined, activityId: field(c.var.form, 'activityId') || undefined };
    const parsed = statusUpdateSchema.safeParse(input);
    const errors: FormState['errors'] = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors[String(issue.path[0]) as 'status'] = issue.message;
    } else if (statusProblem(parsed.data)) {
      errors.reason = m.reasonRequired;
    }
    if (!parsed.success || Object.keys(errors).length) return page(c, row, { ...input, errors }, 400);
    const u = parsed.data;
    await appendReferralStatus(deps.db, row.id, {
      status: u.status,
      at: deps.clock().toISOString(),
      ...(u.reason ? { reason: u.reason } : {}),
      ...(u.status === 'started' && u.activityId ? { activityId: u.activityId } : {}),
    });
    return c.redirect(`/inbox?lijst=${TAB_SLUGS[tabOf(u.status)]}&klaar=status`, 303);
  });

  app.post('/inbox/:id/collega', async (c) => {
    const row = await mine(c);
    if (!row) return c.notFound();
    const userId = Number(field(c.var.form, 'userId'));
    const colleague = (await usersOfOrganisation(deps.db, c.var.organisation.id)).find((u) => u.id === userId && u.role === 'editor');
    if (!colleague) return page(c, row, {}, 400);
    // Not a status: the referral stays where it is; the GP reads "handed over to a colleague", never who.
    await handToColleague(deps.db, row.id, colleague.id, deps.clock());
    return c.redirect(`/inbox?lijst=${TAB_SLUGS[tabOf(row.status)]}&klaar=collega`, 303);
  });
  return app;
}
