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
      await transport.sendMail(message);
    },
  };
}

export function logMailer(log: (text: string) => void): Mailer {
  return {
    async send(message) {
      log(`[e-mail to ${message.to}] ${message.subject}\n${message.text}`);
    },
  };
}
