/**
 * Outgoing mail (sign-in links, feed failures, freshness reminders) through SMTP with
 * nodemailer. Without an SMTP URL nothing is sent and the log says so, without the body:
 * a sign-in link in a log would be a key left under the mat.
 */
import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ sent: boolean }>;
  close(): void;
}

export function createMailer(options: { smtpUrl?: string | undefined; from: string; log: (line: Record<string, unknown>) => void }): Mailer {
  const transport: Transporter | null = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  return {
    async send(mail) {
      if (!transport) {
        options.log({ level: 'warn', msg: 'mail not sent: no SMTP configured (--smtp-url / SK_SMTP_URL)', subject: mail.subject });
        return { sent: false };
      }
      await transport.sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text });
      return { sent: true };
    },
    close() {
      transport?.close();
    },
  };
}
