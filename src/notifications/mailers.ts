/**
 * Mailer adapters: SMTP through nodemailer when SMTP_URL is set; otherwise, in development, the
 * message is written to the terminal, so a newcomer running `npm start` can still follow a
 * password-reset link.
 */
import type { Transporter } from 'nodemailer';
import type { Mailer } from './outbox.ts';

/**
 * A pool of SMTP connections, each carrying message after message (RFC 5321 allows any number of
 * transactions per session). A new connection per message costs a TCP (and TLS) handshake and the
 * server's greeting, which servers delay on purpose against spam bots (Postfix's postscreen, the
 * test sink's 100 ms): 105 ms a message here, capping 20 senders at ~190 e-mails/s (issue 9).
 * `maxConnections` (default 5) and `maxMessages` may be set in SMTP_URL's query string.
 * Connections are closed after IDLE_MS without a message, so an idle process holds none.
 */
const IDLE_MS = 2000;

export function smtpMailer(url: string): Mailer & { close(): Promise<void> } {
  // Loaded with the first e-mail, not at start: an idle server holds less (issue 9, ≤ 150 MB).
  let transport: Promise<Transporter> | undefined;
  let inFlight = 0;
  let idle: NodeJS.Timeout | undefined;
  const close = async () => {
    clearTimeout(idle);
    const open = transport;
    transport = undefined;
    (await open)?.close();
  };
  return {
    async send(message) {
      clearTimeout(idle);
      inFlight++;
      transport ??= import('nodemailer').then((m) => m.default.createTransport({ url, pool: true }));
      const { attachments, ...rest } = message;
      try {
        await (await transport).sendMail({
          ...rest,
          attachments: attachments?.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.contentBase64, 'base64') })),
        });
      } finally {
        if (--inFlight === 0) idle = setTimeout(close, IDLE_MS).unref();
      }
    },
    close,
  };
}

/**
 * Without SMTP_URL. In development the whole message goes to the terminal: its data are the
 * developer's own demo accounts, and following a password-reset link there is the point. In
 * production that would copy customers' names, addresses and orders into the server log, which is
 * kept, shipped and read by whoever runs the host (GDPR art. 5(1)(c) and (f); issue 8 §10): it
 * refuses instead, so the outbox keeps the message and retries it, and records only this reason.
 */
export function logMailer(log: (text: string) => void, options: { production: boolean }): Mailer {
  return {
    async send(message) {
      if (options.production) throw new Error('e-mail not sent: SMTP_URL is not set');
      const files = message.attachments?.length ? `\n[attached: ${message.attachments.map((a) => a.filename).join(', ')}]` : '';
      log(`[e-mail to ${message.to}] ${message.subject}\n${message.text}${files}`);
    },
  };
}
