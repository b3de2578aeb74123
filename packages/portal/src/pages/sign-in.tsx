/**
 * Sign-in by e-mail link. The link opens a page with a button: the token is used only on
 * that POST, so a mail scanner that follows links cannot use it up. Whether an address is
 * known is never revealed.
 */
import { Hono } from 'hono';
import { consumeSignInToken, createSession, createSignInToken, deleteSession, userByEmail, type Db } from '@sociale-kaart/db';
import { getCookie } from 'hono/cookie';
import type { Mailer } from '../mail.js';
import { Csrf, Frame, Notice } from './layout.js';
import { SESSION_COOKIE, endSession, field, pruneSessions, startSession, type PageEnv } from './session.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function signInRoutes(deps: { db: Db; mailer: Mailer; clock: () => Date; publicUrl: () => string; log: (l: Record<string, unknown>) => void }): Hono<PageEnv> {
  const app = new Hono<PageEnv>();

  const RequestForm = ({ csrf, t, email = '', error }: { csrf: string; t: PageEnv['Variables']['t']; email?: string; error?: string }) => (
    <form method="post" action="/aanmelden" novalidate>
      <Csrf token={csrf} />
      <div class={`field${error ? ' field--invalid' : ''}`}>
        <label for="f-email">{t.signIn.email}</label>
        {error ? (
          <p class="field-error" id="f-email-error">
            {error}
          </p>
        ) : null}
        <input type="email" id="f-email" name="email" value={email} autocomplete="email" required aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'f-email-error' : undefined} />
      </div>
      <button type="submit" class="utrecht-button utrecht-button--primary-action">
        {t.signIn.send}
      </button>
    </form>
  );

  app.get('/aanmelden', (c) => {
    const { t, lang, user, csrf } = c.var;
    return c.html(
      <Frame title={t.signIn.title} t={t} lang={lang} user={user} csrf={csrf} path="/aanmelden">
        <p>{t.signIn.intro}</p>
        <RequestForm csrf={csrf} t={t} />
      </Frame>,
    );
  });

  app.post('/aanmelden', async (c) => {
    const { t, lang, user, csrf, form } = c.var;
    const email = field(form, 'email').toLowerCase();
    if (!EMAIL.test(email)) {
      return c.html(
        <Frame title={t.signIn.title} t={t} lang={lang} user={user} csrf={csrf} path="/aanmelden">
          <p>{t.signIn.intro}</p>
          <RequestForm csrf={csrf} t={t} email={email} error={t.signIn.emailInvalid} />
        </Frame>,
        400,
      );
    }
    const known = await userByEmail(deps.db, email);
    if (known) {
      const token = await createSignInToken(deps.db, known.id, deps.clock());
      const link = `${deps.publicUrl()}/aanmelden/link?token=${encodeURIComponent(token)}`;
      await deps.mailer
        .send({
          to: known.email,
          subject: t.signIn.mailSubject,
          text: `${lang === 'nl' ? 'Met deze link meldt u zich aan bij het aanbiedersportaal. De link werkt 15 minuten en één keer:' : 'Use this link to sign in to the provider portal. It works for 15 minutes, once:'}\n\n${link}\n\n${lang === 'nl' ? 'Heeft u dit niet gevraagd? Dan kunt u deze mail negeren.' : 'Did not ask for this? You can ignore this e-mail.'}`,
        })
        .catch((err) => deps.log({ level: 'error', msg: 'sign-in mail not sent', error: err instanceof Error ? err.message : String(err) }));
    }
    return c.html(
      <Frame title={t.signIn.title} t={t} lang={lang} user={user} csrf={csrf} path="/aanmelden">
        <Notice kind="ok">{t.signIn.sent}</Notice>
      </Frame>,
    );
  });

  app.get('/aanmelden/link', (c) => {
    const { t, lang, user, csrf } = c.var;
    const token = c.req.query('token') ?? '';
    return c.html(
      <Frame title={t.signIn.confirmTitle} t={t} lang={lang} user={user} csrf={csrf} path="/aanmelden/link">
        <p>{t.signIn.confirmIntro}</p>
        <form method="post" action="/aanmelden/link">
          <Csrf token={csrf} />
          <input type="hidden" name="token" value={token} />
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            {t.signIn.confirm}
          </button>
        </form>
      </Frame>,
    );
  });

  app.post('/aanmelden/link', async (c) => {
    const { t, lang, user, csrf, form } = c.var;
    const result = await consumeSignInToken(deps.db, field(form, 'token'), deps.clock());
    if (result.ok) {
      startSession(c, await createSession(deps.db, result.user.id, deps.clock()), deps.publicUrl());
      await pruneSessions(deps);
      return c.redirect(result.user.role === 'editor' ? '/activiteiten' : '/overzicht', 303);
    }
    return c.html(
      <Frame title={t.signIn.title} t={t} lang={lang} user={user} csrf={csrf} path="/aanmelden">
        <Notice kind="error">
          <p>{t.signIn[result.reason]}</p>
          <p>{t.signIn.again}</p>
        </Notice>
        <RequestForm csrf={csrf} t={t} />
      </Frame>,
      400,
    );
  });

  app.post('/afmelden', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await deleteSession(deps.db, token);
    endSession(c);
    return c.redirect('/aanmelden', 303);
  });

  return app;
}
