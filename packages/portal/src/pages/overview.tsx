/** The operator's and gemeente viewer's freshness overview: per organisation, how current its offer is. */
import { Hono } from 'hono';
import { freshnessOverview, type Db } from '@sociale-kaart/db';
import { daysBefore, type Freshness } from '../freshness.js';
import type { ActivityService } from '../service.js';
import { Frame } from './layout.js';
import type { PageEnv } from './session.js';

export function overviewRoutes(deps: { db: Db; service: ActivityService; freshness: Freshness }): Hono<PageEnv> {
  const app = new Hono<PageEnv>();
  app.get('/overzicht', async (c) => {
    const { t, lang, user, csrf } = c.var;
    const rows = await freshnessOverview(deps.db, daysBefore(deps.service.today(), deps.freshness.staleDays));
    const o = t.overview;
    return c.html(
      <Frame title={o.title} t={t} lang={lang} user={user} csrf={csrf} path="/overzicht">
        <table class="portal-table">
          <thead>
            <tr>
              <th scope="col">{o.org}</th>
              <th scope="col">{o.verified}</th>
              <th scope="col">{o.activities}</th>
              <th scope="col">{o.published}</th>
              <th scope="col">{o.oldest}</th>
              <th scope="col">{o.stale(deps.freshness.staleDays)}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">{r.name}</th>
                <td>{r.verified ? o.yes : o.no}</td>
                <td>{r.activities}</td>
                <td>{r.published}</td>
                <td>{r.oldestAssured ?? '–'}</td>
                <td>{r.stale}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Frame>,
    );
  });
  return app;
}
