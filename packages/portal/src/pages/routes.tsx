/**
 * All pages, behind one context middleware (language, session, CSRF). Editors see their own
 * organisation's pages; operators and gemeente viewers the overview.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getOrganisation, type Db, type Organisation } from '@sociale-kaart/db';
import { assetRoutes } from '../assets.js';
import type { FeedScheduler } from '../feeds.js';
import type { Freshness } from '../freshness.js';
import type { Mailer } from '../mail.js';
import type { ActivityService } from '../service.js';
import { activityRoutes } from './activities.js';
import { feedRoutes } from './feeds.js';
import type { MonitorSource } from '../monitor/supply.js';
import { inboxRoutes } from './inbox.js';
import { monitorRoutes } from './monitor.js';
import { Frame } from './layout.js';
import { overviewRoutes } from './overview.js';
import { receivingRoutes } from './receiving.js';
import { referralKeyRoutes } from './referral-key.js';
import { pageContext, type PageEnv } from './session.js';
import { signInRoutes } from './sign-in.js';
import { uploadRoutes } from './upload.js';

export interface PagesDeps {
  db: Db;
  service: ActivityService;
  feeds: FeedScheduler;
  mailer: Mailer;
  clock: () => Date;
  freshness: Freshness;
  publicUrl: () => string;
  /** Where the monitor page reads; without it /monitor is not served. */
  monitor?: MonitorSource;
  log?: (line: Record<string, unknown>) => void;
}

type OrgEnv = PageEnv & { Variables: PageEnv['Variables'] & { organisation: Organisation } };

export function createPages(deps: PagesDeps): Hono {
  const log = deps.log ?? ((line) => process.stderr.write(`${JSON.stringify(line)}\n`));
  const app = new Hono<PageEnv>();
  app.route('/', assetRoutes() as unknown as Hono<PageEnv>);
  // A checked upload travels back base64-encoded (5 MB file ≈ 6.7 MB field): 8 MB is the most a page form may send.
  app.use('*', bodyLimit({ maxSize: 8 * 1024 * 1024, onError: (c) => c.text('Het bestand is te groot (maximaal 5 MB). / The file is too large (at most 5 MB).', 413) }));
  app.use('*', pageContext(deps));

  const forbidden = (c: Parameters<MiddlewareHandler<PageEnv>>[0]) => {
    const { t, lang, user, csrf } = c.var;
    return c.html(
      <Frame title={t.errors.forbidden} t={t} lang={lang} user={user} csrf={csrf} path={c.req.path}>
        <p>
          <a class="utrecht-link" href="/">
            {t.portal}
          </a>
        </p>
      </Frame>,
      403,
    );
  };

  const editorOnly: MiddlewareHandler<OrgEnv> = async (c, next) => {
    const user = c.var.user;
    if (!user) return c.redirect('/aanmelden', 303);
    if (user.role !== 'editor' || !user.organisation_id) return forbidden(c as never);
    const org = await getOrganisation(deps.db, user.organisation_id);
    if (!org) return forbidden(c as never);
    c.set('organisation', org);
    await next();
  };
  const viewerOnly: MiddlewareHandler<PageEnv> = async (c, next) => {
    const user = c.var.user;
    if (!user) return c.redirect('/aanmelden', 303);
    if (user.role === 'editor') return forbidden(c);
    await next();
  };

  app.get('/', (c) => c.redirect(!c.var.user ? '/aanmelden' : c.var.user.role === 'editor' ? '/activiteiten' : '/overzicht', 303));
  app.route('/', signInRoutes({ db: deps.db, mailer: deps.mailer, clock: deps.clock, publicUrl: deps.publicUrl, log }));

  const editor = new Hono<OrgEnv>();
  for (const path of ['/activiteiten', '/activiteiten/*', '/uploaden', '/uploaden/*', '/feeds', '/feeds/*', '/ontvangen', '/ontvangen/*', '/inbox', '/inbox/*', '/sleutel']) editor.use(path, editorOnly);
  editor.route('/', activityRoutes({ service: deps.service, freshness: deps.freshness }));
  editor.route('/', uploadRoutes({ service: deps.service }));
  editor.route('/', feedRoutes({ db: deps.db, feeds: deps.feeds }));
  editor.route('/', receivingRoutes({ db: deps.db }));
  editor.route('/', inboxRoutes({ db: deps.db, clock: deps.clock }));
  editor.route('/', referralKeyRoutes({ db: deps.db }));
  app.route('/', editor as unknown as Hono<PageEnv>);

  const viewer = new Hono<PageEnv>();
  viewer.use('/overzicht', viewerOnly);
  viewer.route('/', overviewRoutes({ db: deps.db, service: deps.service, freshness: deps.freshness }));
  if (deps.monitor) {
    viewer.use('/monitor', viewerOnly);
    viewer.route('/', monitorRoutes({ source: deps.monitor, log }));
  }
  app.route('/', viewer);
  return app as unknown as Hono;
}
