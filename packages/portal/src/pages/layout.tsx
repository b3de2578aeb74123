/** The page frame: NL Design System (Utrecht) look, skip link, navigation, language switch. */
import type { Child } from 'hono/jsx';
import type { User } from '@sociale-kaart/db';
import type { Lang, Messages } from './i18n.js';
import { MONITOR_MESSAGES } from './monitor-i18n.js';
import { receivingMessages } from './receiving-i18n.js';

export interface FrameProps {
  title: string;
  t: Messages;
  lang: Lang;
  user: User | undefined;
  csrf: string;
  path: string;
  children: Child;
}

export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

export function Frame({ title, t, lang, user, csrf, path, children }: FrameProps) {
  const other = lang === 'nl' ? 'en' : 'nl';
  const nav: Array<[string, string]> = [];
  if (user?.role === 'editor') nav.push(['/activiteiten', t.nav.activities], ['/uploaden', t.nav.upload], ['/feeds', t.nav.feeds], ['/inbox', t.nav.inbox], ['/sleutel', t.nav.referralKey]);
  if (user?.role === 'editor') nav.push(['/ontvangen', receivingMessages(lang).nav]);
  if (user && user.role !== 'editor') nav.push(['/overzicht', t.nav.overview], ['/monitor', MONITOR_MESSAGES[lang].nav]);
  return (
    <html lang={lang} class="utrecht-theme">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t.portal}`}</title>
        <link rel="stylesheet" href="/assets/utrecht-tokens.css" />
        <link rel="stylesheet" href="/assets/utrecht-components.css" />
        <link rel="stylesheet" href="/assets/portal.css" />
      </head>
      <body class="utrecht-document utrecht-document--surface">
        <a class="utrecht-link skip-link" href="#inhoud">
          {t.skip}
        </a>
        <header class="portal-header">
          <p class="portal-brand">{t.portal}</p>
          <nav aria-label={t.portal}>
            <ul class="portal-nav">
              {nav.map(([href, label]) => (
                <li>
                  <a class="utrecht-link" href={href} aria-current={path.startsWith(href) ? 'page' : undefined}>
                    {label}
                  </a>
                </li>
              ))}
              <li>
                <a class="utrecht-link" href={`${path}?lang=${other}`} lang={other} hreflang={other}>
                  {t.nav.language}
                </a>
              </li>
              {user ? (
                <li>
                  <form method="post" action="/afmelden" class="inline-form">
                    <Csrf token={csrf} />
                    <button type="submit" class="utrecht-button utrecht-button--subtle">
                      {t.nav.signOut}
                    </button>
                  </form>
                </li>
              ) : null}
            </ul>
          </nav>
        </header>
        <main id="inhoud" class="portal-main">
          <h1 class="utrecht-heading-1">{title}</h1>
          {children}
        </main>
      </body>
    </html>
  );
}

export function Notice({ children, kind = 'info' }: { children: Child; kind?: 'info' | 'ok' | 'error' | 'warning' }) {
  return (
    <div class={`portal-notice portal-notice--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
