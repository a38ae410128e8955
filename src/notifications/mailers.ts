/**
 * Mailer adapters: SMTP through nodemailer when SMTP_URL is set; otherwise the message is written
 * to the server log, so a newcomer running `npm start` can still follow a password-reset link.
 */
import nodemailer from 'nodemailer';
import type { Mailer } from './outbox.ts';

export function smtpMailer(url: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(message) {
      const { attachments, ...rest } = message;
      await transport.sendMail({
        ...rest,
        attachments: attachments?.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.contentBase64, 'base64') })),
      });
    },
  };
}

export function logMailer(log: (text: string) => void): Mailer {
  return {
    async send(message) {
      const files = message.attachments?.length ? `\n[attached: ${message.attachments.map((a) => a.filename).join(', ')}]` : '';
      log(`[e-mail to ${message.to}] ${message.subject}\n${message.text}${files}`);
    },
  };
}
