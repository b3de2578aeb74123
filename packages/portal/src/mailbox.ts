/**
 * The demo mailbox: an SMTP catcher (smtp-server) that keeps every mail in memory, and a
 * small web page listing them, so a newcomer can sign in without any mail server. Loopback
 * only; never a production mail path.
 */
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  id: number;
  from: string;
  to: string[];
  subject: string;
  text: string;
  receivedAt: string;
}

export interface Mailbox {
  /** smtp://127.0.0.1:PORT for nodemailer. */
  smtpUrl: string;
  /** The web mailbox. */
  url: string;
  messages(): readonly CaughtMail[];
  /** Resolves with the first mail (already caught or still to come) that matches. */
  waitFor(match: (m: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  close(): Promise<void>;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** Links in a mail become clickable; all other text stays text. */
const linkify = (s: string) => escapeHtml(s).replace(/https?:\/\/[^\s<>&]+(?:&amp;[^\s<>&]+)*/g, (u) => `<a href="${u}">${u}</a>`);

export async function startMailbox(options: { smtpPort?: number; httpPort?: number; host?: string } = {}): Promise<Mailbox> {
  const host = options.host ?? '127.0.0.1';
  const mails: CaughtMail[] = [];
  const waiters: Array<{ match: (m: CaughtMail) => boolean; resolve: (m: CaughtMail) => void }> = [];
  let nextId = 1;

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    banner: 'Sociale Kaart demo mailbox',
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const mail: CaughtMail = {
            id: nextId++,
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            receivedAt: new Date().toISOString(),
          };
          mails.push(mail);
          for (const w of [...waiters]) {
            if (w.match(mail)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(mail);
            }
          }
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(options.smtpPort ?? 0, host, () => resolve());
  });
  const smtpPort = (smtp.server.address() as { port: number }).port;

  const app = new Hono();
  const page = (title: string, body: string) =>
    `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>` +
    `<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}pre{white-space:pre-wrap;background:#f3f3f3;padding:1rem}a{color:#0b57d0}li{margin:.5rem 0}</style></head>` +
    `<body><main>${body}</main></body></html>`;
  app.get('/', (c) => {
    const items = [...mails]
      .reverse()
      .map((m) => `<li><a href="/mail/${m.id}">${escapeHtml(m.subject || '(geen onderwerp)')}</a> aan ${escapeHtml(m.to.join(', '))} <small>${escapeHtml(m.receivedAt)}</small></li>`)
      .join('');
    return c.html(page('Demo-mailbox', `<h1>Demo-mailbox</h1><p>Alle mail van de demo komt hier binnen. Er wordt niets echt verstuurd.</p>${items ? `<ul>${items}</ul>` : '<p>Nog geen mail.</p>'}`));
  });
  app.get('/mail/:id', (c) => {
    const m = mails.find((x) => x.id === Number(c.req.param('id')));
    if (!m) return c.html(page('Niet gevonden', '<h1>Deze mail bestaat niet</h1><p><a href="/">Terug naar de mailbox</a></p>'), 404);
    return c.html(page(m.subject, `<p><a href="/">Terug naar de mailbox</a></p><h1>${escapeHtml(m.subject)}</h1><p>Aan: ${escapeHtml(m.to.join(', '))}</p><pre>${linkify(m.text)}</pre>`));
  });
  app.get('/messages.json', (c) => c.json(mails));
  // No icon: "no content" rather than a 404 the browser logs as an error.
  app.get('/favicon.ico', (c) => c.body(null, 204));
  const http: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.httpPort ?? 0, hostname: host }, () => resolve(s));
    s.once('error', reject);
  });
  const httpPort = (http.address() as { port: number }).port;

  return {
    smtpUrl: `smtp://${host}:${smtpPort}`,
    url: `http://${host}:${httpPort}`,
    messages: () => mails,
    waitFor(match, timeoutMs = 10_000) {
      const found = mails.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve: (m: CaughtMail) => (clearTimeout(timer), resolve(m)) };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no matching mail within ${timeoutMs} ms (${mails.length} caught)`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    async close() {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
